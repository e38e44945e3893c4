/**
 * The manual "personal trade": account, symbol, side, amount (in the coin or in the quote
 * currency), market or limit, paper. Before anything is sent, the panel beside the form shows what
 * the risk gate will say (allowed, or blocked by which rule), with the amount rounded to the market
 * and the order's value. "Place" stays disabled until the gate allows this exact order; a real
 * order on a live account asks once more before it goes out.
 */
import { Send } from 'lucide-react';
import { SegmentedChoice } from '../../components/SegmentedChoice';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AccountPicker } from '../../components/AccountPicker';
import { Field } from '../../components/Field';
import { pickableAccounts } from '../accounts/pickable-accounts';
import type { AmountUnit, CredentialInfo, OrderInfo, OrderPreview, OrderSide, OrderType } from '../../api/contract-types';
import { readAsNote } from '../../format/typed-number';
import { useAppStores, useCredentials, useExchanges } from '../../stores/store-hooks';
import { ConfirmOrderDialog } from './ConfirmOrderDialog';
import { newIdempotencyKey, readDraft, type OrderDraft } from './order-draft';
import { COMMON_SYMBOLS, orderStatusPresentation, orderTitle, splitSymbol } from './order-presentation';
import { MarketPanel } from './MarketPanel';
import { OrderPreviewPanel } from './OrderPreviewPanel';
import { OrderResult } from './OrderResult';
import { useMarketSnapshot } from './use-market-snapshot';
import { previewFor, useOrderPreview } from './use-order-preview';
import { FuturesPanel } from './FuturesPanel';
import { COMMON_PERPETUALS } from './futures-presentation';

const SYMBOLS_LIST_ID = 'common-symbols';

/** The key an order form starts on: the primary live key if there is one, else the first usable key. */
function defaultAccount(accounts: readonly CredentialInfo[]): string {
  const usable = accounts.filter((account) => account.status === 'active' && account.tradingBlock === null);
  return (usable.find((account) => account.isPrimary) ?? usable[0] ?? accounts[0])?.id ?? '';
}

/** `perpetual`: the same form for a USDT perpetual (BTCUSDT.P), with reduce-only and the position beside it. */
export function OrderForm({ market: kind = 'spot' }: { readonly market?: 'spot' | 'perpetual' }) {
  const perpetual = kind === 'perpetual';
  const accounts = useCredentials(useShallow((state) => state.items.filter((item) => item.kind === 'exchange' && item.status !== 'revoked')));
  const exchanges = useExchanges((state) => state.list);
  const { trading, toasts } = useAppStores();
  const [draft, setDraft] = useState<OrderDraft>({ account: '', symbol: '', side: 'buy', type: 'market', amount: '', unit: 'base', price: '', paper: false, reduceOnly: false });
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<OrderPreview | null>(null);
  const [placed, setPlaced] = useState<{ readonly order: OrderInfo; readonly duplicate: boolean } | null>(null);
  const [placeError, setPlaceError] = useState<string | null>(null);
  // Kept while an order's fate is unknown (no answer came back): sending the same form again then
  // reuses it, so the core recognises the retry and never places a second order.
  const pendingKey = useRef<{ readonly intentKey: string; readonly idempotencyKey: string } | null>(null);

  const accountId = draft.account !== '' && accounts.some((account) => account.id === draft.account) ? draft.account : defaultAccount(accounts);
  const effective = useMemo(() => ({ ...draft, account: accountId }), [draft, accountId]);
  const reading = readDraft(effective);
  const intentKey = reading.kind === 'intent' ? reading.key : null;
  const preview = useOrderPreview(intentKey);
  const market = useMarketSnapshot(accountId, perpetual ? '' : draft.symbol);
  const account = accounts.find((item) => item.id === accountId);
  const exchangeName = exchanges?.find((exchange) => exchange.id === account?.provider)?.name ?? account?.provider ?? '';
  const coins = splitSymbol(draft.symbol);
  // Asked again after every order or pause: meanwhile the last answer about this same order stands
  // (the gate decides again, for real, when the order is placed).
  const ready = previewFor(preview, intentKey);
  const canPlace = ready !== null && ready.decision.allowed && !busy;

  useEffect(() => {
    if (pendingKey.current && pendingKey.current.intentKey !== intentKey) pendingKey.current = null;
  }, [intentKey]);

  const change = <K extends keyof OrderDraft>(name: K, value: OrderDraft[K]) => {
    setDraft((current) => ({ ...current, [name]: value }));
    setPlaceError(null);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canPlace || ready === null || account === undefined) return;
    if (!ready.paper && account.environment === 'live') setConfirming(ready);
    else void place();
  }

  async function place() {
    if (reading.kind !== 'intent') return;
    setConfirming(null);
    setBusy(true);
    setPlaceError(null);
    const idempotencyKey = pendingKey.current?.intentKey === reading.key ? pendingKey.current.idempotencyKey : newIdempotencyKey();
    pendingKey.current = { intentKey: reading.key, idempotencyKey };
    const result = await trading.getState().place({ ...reading.intent, idempotencyKey });
    setBusy(false);
    if (!result.ok) {
      // No answer at all: the order may or may not exist. Keep the key, so a retry cannot double it.
      if (result.error.code !== 'INTERNAL') pendingKey.current = null;
      setPlaceError(result.error.message);
      toasts.getState().show('error', result.error.message);
      return;
    }
    pendingKey.current = null;
    setPlaced(result.value);
    const { order } = result.value;
    const succeeded = order.status === 'filled' || order.status === 'open';
    const tone = succeeded ? 'success' : order.status === 'unknown' || order.status === 'sending' ? 'info' : 'error';
    const what = `${order.paper ? 'Paper order' : 'Order'} ${orderStatusPresentation[order.status].label.toLowerCase().replace('…', '')}: ${orderTitle(order)}`;
    toasts.getState().show(tone, result.value.duplicate ? 'This order was already placed; nothing new was sent.' : succeeded ? `${what}.` : `${what}. ${order.message}`);
  }

  if (accounts.length === 0) {
    return <p className="muted">Add a key on the Accounts page first: orders are placed with one of your keys.</p>;
  }
  // The number rule's refusal, or how it read the number when that is not how it was typed.
  const amountProblem = reading.kind === 'problem' && reading.field === 'amount' ? reading.message : null;
  const priceProblem = reading.kind === 'problem' && reading.field === 'price' ? reading.message : null;

  return (
    <>
    <form className="order-form" onSubmit={submit} noValidate aria-label="New order">
      <div className="order-form__fields">
        <Field label="Account">
          {(control) => (
            <AccountPicker {...control} accounts={pickableAccounts(accounts, exchanges)} value={accountId} onChange={(id) => change('account', id)} />
          )}
        </Field>

        <Field label="Symbol" hint={perpetual ? 'The USDT perpetual, as TradingView writes it (BTCUSDT.P) or as BTC/USDT:USDT.' : 'The market, as BTC/USDT or as TradingView writes it (BTCUSDT). Spot markets only.'}>
          {(control) => (
            <input
              {...control}
              className="input input--mono"
              type="text"
              list={SYMBOLS_LIST_ID}
              autoComplete="off"
              spellCheck={false}
              placeholder={perpetual ? 'BTCUSDT.P' : 'BTC/USDT'}
              value={draft.symbol}
              onChange={(event) => change('symbol', event.currentTarget.value)}
            />
          )}
        </Field>
        <datalist id={SYMBOLS_LIST_ID}>
          {(perpetual ? COMMON_PERPETUALS : COMMON_SYMBOLS).map((symbol) => <option key={symbol} value={symbol} />)}
        </datalist>

        <SegmentedChoice<OrderSide>
          legend="Side"
          name="side"
          value={draft.side}
          onChange={(value) => change('side', value)}
          options={[{ value: 'buy', label: 'Buy' }, { value: 'sell', label: 'Sell' }]}
          tone="sides"
        />

        <div className="order-form__amount">
          <Field label="Amount" error={amountProblem} hint={amountProblem ? null : readAsNote(draft.amount)}>
            {(control) => (
              <input {...control} className="input input--mono" type="text" inputMode="decimal" autoComplete="off" placeholder={draft.unit === 'base' ? '0.001' : '50'} value={draft.amount} onChange={(event) => change('amount', event.currentTarget.value)} />
            )}
          </Field>
          <SegmentedChoice<AmountUnit>
            legend="Amount in"
            name="unit"
            value={draft.unit}
            onChange={(value) => change('unit', value)}
            options={[
              { value: 'base', label: coins?.base ?? 'Coin' },
              { value: 'quote', label: coins?.quote ?? 'Quote' },
            ]}
          />
        </div>
        <p className="field__hint order-form__unit-hint">
          {draft.unit === 'base'
            ? `How much ${coins?.base ?? 'of the coin'} to ${draft.side}.`
            : `How much ${coins?.quote ?? 'of the quote currency'} to ${draft.side === 'buy' ? 'spend' : 'receive'}.`}
        </p>

        <SegmentedChoice<OrderType>
          legend="Order type"
          name="type"
          value={draft.type}
          onChange={(value) => change('type', value)}
          options={[{ value: 'market', label: 'Market' }, { value: 'limit', label: 'Limit' }]}
        />
        {draft.type === 'limit' ? (
          <Field label={`Limit price${coins ? ` (${coins.quote})` : ''}`} error={priceProblem} hint={[priceProblem ? null : readAsNote(draft.price), 'The order rests on the exchange until the market reaches this price.'].filter(Boolean).join('. ')}>
            {(control) => (
              <input {...control} className="input input--mono" type="text" inputMode="decimal" autoComplete="off" value={draft.price} onChange={(event) => change('price', event.currentTarget.value)} />
            )}
          </Field>
        ) : null}

        <label className="checkbox">
          <input type="checkbox" checked={draft.paper} onChange={(event) => change('paper', event.currentTarget.checked)} />
          <span>
            <strong>Paper trade</strong>: simulate the fill at the current price; nothing is sent to the exchange.
          </span>
        </label>
        {perpetual ? (
          <label className="checkbox">
            <input type="checkbox" checked={draft.reduceOnly === true} onChange={(event) => change('reduceOnly', event.currentTarget.checked)} />
            <span><strong>Reduce only</strong>: the order may only shrink the position, never open or grow one.</span>
          </label>
        ) : null}
      </div>

      <div className="order-form__side">
        {perpetual ? null : <MarketPanel state={market} accountLabel={account?.label ?? ''} />}
        <OrderPreviewPanel state={preview} currentKey={intentKey} accountLabel={account?.label ?? ''} exchangeName={exchangeName} environment={account?.environment ?? 'live'} />
        <button type="submit" className={ready?.paper === false ? 'button button--primary button--block' : 'button button--secondary button--block'} disabled={!canPlace} aria-busy={busy}>
          <Send size={16} aria-hidden="true" />
          {busy ? 'Placing…' : ready === null ? 'Place order' : ready.paper ? 'Place paper order' : `Place real order on ${exchangeName}`}
        </button>
        {placeError ? <div className="callout callout--danger" role="alert">{placeError}</div> : null}
        {placed ? <OrderResult order={placed.order} duplicate={placed.duplicate} /> : null}
      </div>
      {confirming && account ? (
        <ConfirmOrderDialog preview={confirming} side={draft.side} type={draft.type} accountLabel={account.label} exchangeName={exchangeName} onConfirm={() => void place()} onClose={() => setConfirming(null)} />
      ) : null}
    </form>
    {perpetual ? <FuturesPanel account={accountId} symbol={draft.symbol} /> : null}
    </>
  );
}
