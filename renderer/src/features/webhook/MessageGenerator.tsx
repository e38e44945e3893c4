/**
 * Writes the exact alert message (and URL) to paste into TradingView for one account and symbol:
 * either a strategy's orders (side and size from the strategy's placeholders) or a fixed order for
 * an indicator or price alert. Rewritten a moment after each change.
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AccountPicker } from '../../components/AccountPicker';
import { CopyButton } from '../../components/CopyButton';
import { Field } from '../../components/Field';
import { Section } from '../../components/Section';
import type { AlertMessage, AlertMessageRequest, AmountUnit, OrderSide, OrderType } from '../../api/contract-types';
import { readPositiveDecimal } from '../../../../electron/shared/decimal-input';
import { walletProviders } from '../../../../electron/shared/wallet-providers';
import { readAsNote } from '../../format/typed-number';
import { useAppStores, useCredentials, useExchanges, useWebhook } from '../../stores/store-hooks';
import { pickableAccounts } from '../accounts/pickable-accounts';
import { appNote } from './webhook-presentation';

const DEBOUNCE_MS = 250;

type Mode = 'strategy' | 'indicator';

export function MessageGenerator() {
  const accounts = useCredentials(useShallow((state) => state.items.filter((item) => (item.kind === 'exchange' || item.kind === 'polymarket') && item.status !== 'revoked')));
  const exchanges = useExchanges((state) => state.list);
  // Polymarket is not in the exchanges' catalogue, but its accounts trade alerts too.
  const pickable = useMemo(() => pickableAccounts(accounts, [...(exchanges ?? []), walletProviders.polymarket]), [accounts, exchanges]);
  const { webhook } = useAppStores();
  const [account, setAccount] = useState('');
  const [symbol, setSymbol] = useState('{{ticker}}');
  const [outcome, setOutcome] = useState('');
  const [mode, setMode] = useState<Mode>('strategy');
  const [side, setSide] = useState<OrderSide>('buy');
  const [amount, setAmount] = useState('');
  const [unit, setUnit] = useState<AmountUnit>('base');
  const [type, setType] = useState<OrderType>('market');
  const [price, setPrice] = useState('');
  const [chart, setChart] = useState<'spot' | 'perpetual'>('spot');
  const [output, setOutput] = useState<{ readonly message: AlertMessage | null; readonly error: string | null }>({ message: null, error: null });

  const accountId = accounts.some((item) => item.id === account) ? account : (accounts[0]?.id ?? '');
  // A Polymarket account trades an outcome of a market: its slug and the outcome, or the outcome's token id.
  const polymarket = accounts.find((item) => item.id === accountId)?.kind === 'polymarket';
  // Read by the one number rule: a refusal ("1,000" could mean 1000 or 1) is the field's error and no message is written.
  const amountReading = mode === 'indicator' && amount.trim() !== '' ? readPositiveDecimal(amount, 'The amount') : null;
  const priceReading = type === 'limit' && price.trim() !== '' ? readPositiveDecimal(price, 'The price') : null;
  const amountValue = amountReading?.ok ? amountReading.value : null;
  const priceValue = priceReading?.ok ? priceReading.value : null;
  // {{ticker}} names the chart's market, which only the person knows; a fixed BTCUSDT.P says it by itself.
  const followsChart = !polymarket && symbol.includes('{{');
  const incomplete = accountId === '' || symbol.trim() === '' || (mode === 'indicator' && amountValue === null) || (priceReading !== null && !priceReading.ok);
  const request: AlertMessageRequest | null = incomplete ? null : {
    account: accountId,
    symbol: symbol.trim(),
    ...(polymarket && outcome.trim() !== '' ? { outcome: outcome.trim() } : {}),
    mode,
    unit,
    type,
    ...(mode === 'indicator' ? { side, amount: amountValue ?? 0 } : {}),
    ...(type === 'limit' && priceValue !== null ? { price: priceValue } : {}),
    ...(followsChart && chart === 'perpetual' ? { market: 'perpetual' as const } : {}),
  };
  const key = request === null ? null : JSON.stringify(request);
  // The message carries the URL to paste: written again when the listener moves or gets a public address.
  const reachableAt = useWebhook((state) => `${state.status?.localUrl ?? ''} ${state.status?.publicWebhookUrlPrefix ?? ''}`);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    const timer = window.setTimeout(() => {
      void webhook.getState().message(JSON.parse(key) as AlertMessageRequest).then((result) => {
        if (current) setOutput(result.ok ? { message: result.value, error: null } : { message: null, error: result.error.message });
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [webhook, key, reachableAt]);

  if (accounts.length === 0) {
    return (
      <Section title="Alert message">
        <p className="muted">Add a key on the Accounts page first: an alert trades on one of your accounts.</p>
      </Section>
    );
  }

  return (
    <Section title="Alert message" description="The exact text for the alert’s Message box in TradingView. Keywarden accepts only this format, so let it write the message for you.">
      <div className="generator">
        <div className="generator__form">
          <div className="two-fields">
            <Field label="Account">
              {(control) => (
                <AccountPicker {...control} accounts={pickable} value={accountId} onChange={setAccount} />
              )}
            </Field>
            <Field label={polymarket ? 'Market' : 'Symbol'} hint={polymarket ? "The market's slug (or an outcome's token id)." : '{{ticker}} follows the chart the alert is created on.'}>
              {(control) => <input {...control} className="input input--mono" type="text" autoComplete="off" spellCheck={false} value={symbol} onChange={(event) => setSymbol(event.currentTarget.value)} />}
            </Field>
            {followsChart ? (
              <Field label="The chart is" hint="A perpetual chart's symbol ends in .P (BTCUSDT.P).">
                {(control) => (
                  <select {...control} className="input" value={chart} onChange={(event) => setChart(event.currentTarget.value as 'spot' | 'perpetual')}>
                    <option value="spot">Spot</option>
                    <option value="perpetual">USDT perpetual</option>
                  </select>
                )}
              </Field>
            ) : null}
            {polymarket ? (
              <Field label="Outcome" hint="Yes, No, or a candidate's name; leave empty with a token id.">
                {(control) => <input {...control} className="input" type="text" autoComplete="off" spellCheck={false} value={outcome} onChange={(event) => setOutcome(event.currentTarget.value)} />}
              </Field>
            ) : null}
          </div>
          <fieldset className="choice-group">
            <legend className="choice-group__legend">The alert comes from</legend>
            <label className="choice">
              <input type="radio" name="alert-mode" checked={mode === 'strategy'} onChange={() => setMode('strategy')} />
              <span className="choice__text">
                <span className="choice__title">A strategy</span>
                <span className="choice__detail">Side and size come from the strategy’s orders.</span>
              </span>
            </label>
            <label className="choice">
              <input type="radio" name="alert-mode" checked={mode === 'indicator'} onChange={() => setMode('indicator')} />
              <span className="choice__text">
                <span className="choice__title">An indicator or price alert</span>
                <span className="choice__detail">The same fixed order each time it fires.</span>
              </span>
            </label>
          </fieldset>
          {mode === 'indicator' ? (
            <div className="two-fields">
              <Field label="Side">
                {(control) => (
                  <select {...control} className="input" value={side} onChange={(event) => setSide(event.currentTarget.value as OrderSide)}>
                    <option value="buy">Buy</option>
                    <option value="sell">Sell</option>
                  </select>
                )}
              </Field>
              <Field label="Amount" error={amountReading?.ok === false ? amountReading.message : null} hint={amountReading?.ok ? readAsNote(amount) : null}>
                {(control) => <input {...control} className="input input--mono" type="text" inputMode="decimal" autoComplete="off" placeholder="0.001" value={amount} onChange={(event) => setAmount(event.currentTarget.value)} />}
              </Field>
            </div>
          ) : null}
          <div className="two-fields">
            <Field label="Amount is in">
              {(control) => (
                <select {...control} className="input" value={unit} onChange={(event) => setUnit(event.currentTarget.value as AmountUnit)}>
                  <option value="base">The coin (e.g. BTC)</option>
                  <option value="quote">The quote currency (e.g. USDT)</option>
                </select>
              )}
            </Field>
            <Field label="Order type">
              {(control) => (
                <select {...control} className="input" value={type} onChange={(event) => setType(event.currentTarget.value as OrderType)}>
                  <option value="market">Market</option>
                  <option value="limit">Limit</option>
                </select>
              )}
            </Field>
          </div>
          {type === 'limit' ? (
            <Field label="Limit price" error={priceReading?.ok === false ? priceReading.message : null} hint={priceReading?.ok ? readAsNote(price) : mode === 'strategy' ? 'Empty: the strategy’s order price.' : 'Empty: the bar’s close.'}>
              {(control) => <input {...control} className="input input--mono" type="text" inputMode="decimal" autoComplete="off" value={price} onChange={(event) => setPrice(event.currentTarget.value)} />}
            </Field>
          ) : null}
        </div>
        <div className="generator__output" role="status">
          {request === null ? <p className="muted">Fill in the order to get the message.</p> : null}
          {request !== null && output.error ? <div className="callout callout--danger">{output.error}</div> : null}
          {request !== null && output.message ? (
            <>
              <div className="generator__block">
                <div className="generator__block-head">
                  <span className="field__label">Webhook URL</span>
                  <CopyButton text={output.message.url} what="Webhook URL" />
                </div>
                <code className="one-time__value">{output.message.url}</code>
              </div>
              <div className="generator__block">
                <div className="generator__block-head">
                  <span className="field__label">Message</span>
                  <CopyButton text={output.message.message} what="Alert message" />
                </div>
                <pre className="code-block" aria-label="Alert message">{output.message.message}</pre>
              </div>
              <ul className="generator__notes">
                {output.message.notes.map((note) => <li key={note}>{appNote(note)}</li>)}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </Section>
  );
}
