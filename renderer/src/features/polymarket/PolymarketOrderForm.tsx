/**
 * An order on the market looked up above: the outcome, buy or sell, market or limit, the amount (pUSD
 * to spend for a market buy, shares otherwise), the limit price (0.01–0.99), how a market order
 * fills, and paper. "Preview" asks the risk gate (trading.preview) what it would say, with the
 * order's value in US dollars; "Place" sends exactly the order previewed (trading.place) and is
 * offered only while the form still says the same and the gate allowed it.
 */
import { Eye, Send } from 'lucide-react';
import { SegmentedChoice } from '../../components/SegmentedChoice';
import { useRef, useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import type { OrderInfo, OrderPreview, OrderSide, OrderType } from '../../api/contract-types';
import { formatAmount, formatUsd } from '../../format/numbers';
import { readAsNote } from '../../format/typed-number';
import { useAppStores } from '../../stores/store-hooks';
import { newIdempotencyKey } from '../trading/order-draft';
import { orderStatusPresentation, ruleLabels } from '../trading/order-presentation';
import { marketName, type LookedUpMarket } from './MarketLookup';
import { amountInPusd, readPolymarketDraft, type MarketFill, type PolymarketDraft } from './polymarket-order-draft';


interface PolymarketOrderFormProps {
  readonly found: LookedUpMarket;
  readonly draft: PolymarketDraft;
  readonly onChange: (draft: PolymarketDraft) => void;
}

type Previewed = { readonly key: string; readonly preview: OrderPreview };

export function PolymarketOrderForm({ found, draft, onChange }: PolymarketOrderFormProps) {
  const { trading, toasts } = useAppStores();
  const [previewed, setPreviewed] = useState<Previewed | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'place' | null>(null);
  const [placed, setPlaced] = useState<OrderInfo | null>(null);
  const [placeError, setPlaceError] = useState<string | null>(null);
  const pendingKey = useRef<{ readonly intentKey: string; readonly idempotencyKey: string } | null>(null);

  const reading = readPolymarketDraft(draft);
  const intentKey = reading.kind === 'intent' ? reading.key : null;
  const current = previewed !== null && previewed.key === intentKey ? previewed.preview : null;
  const inPusd = amountInPusd(draft);
  const amountProblem = reading.kind === 'problem' && reading.field === 'amount' ? reading.message : null;
  const priceProblem = reading.kind === 'problem' && reading.field === 'price' ? reading.message : null;

  const change = <K extends keyof PolymarketDraft>(name: K, value: PolymarketDraft[K]) => {
    onChange({ ...draft, [name]: value });
    setPreviewError(null);
    setPlaceError(null);
  };

  async function preview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reading.kind !== 'intent') {
      setPreviewError(reading.kind === 'problem' ? reading.message : inPusd ? 'Enter the pUSD to spend.' : draft.type === 'limit' && draft.price.trim() === '' ? 'Enter the number of shares and a limit price.' : 'Enter the number of shares.');
      return;
    }
    setBusy('preview');
    setPreviewError(null);
    setPlaced(null);
    const result = await trading.getState().preview(reading.intent);
    setBusy(null);
    if (result.ok) setPreviewed({ key: reading.key, preview: result.value });
    else {
      setPreviewed(null);
      setPreviewError(result.error.message);
    }
  }

  async function place() {
    if (reading.kind !== 'intent' || current === null) return;
    setBusy('place');
    setPlaceError(null);
    const idempotencyKey = pendingKey.current?.intentKey === reading.key ? pendingKey.current.idempotencyKey : newIdempotencyKey();
    pendingKey.current = { intentKey: reading.key, idempotencyKey };
    const result = await trading.getState().place({ ...reading.intent, idempotencyKey });
    setBusy(null);
    if (!result.ok) {
      if (result.error.code !== 'INTERNAL') pendingKey.current = null;
      setPlaceError(result.error.message);
      return;
    }
    pendingKey.current = null;
    setPreviewed(null);
    const { order } = result.value;
    setPlaced(order);
    const label = orderStatusPresentation[order.status].label;
    const succeeded = order.status === 'open' || order.status === 'filled';
    toasts.getState().show(succeeded ? 'success' : 'error', result.value.duplicate ? 'This order was already placed; nothing new was sent.' : `${order.paper ? 'Paper order' : 'Order'} ${label.toLowerCase()}: ${order.marketLabel ?? marketName(found.market)}.`);
  }

  return (
    <form className="order-form" onSubmit={(event) => void preview(event)} noValidate aria-label={`New order on ${marketName(found.market)}`}>
      <div className="order-form__fields">
        <SegmentedChoice<string> legend="Outcome" name="outcome" value={draft.outcome} onChange={(value) => change('outcome', value)} options={found.market.outcomes.map((outcome) => ({ value: outcome.outcome, label: outcome.outcome }))} />
        <SegmentedChoice<OrderSide> legend="Side" name="side" tone="sides" value={draft.side} onChange={(value) => change('side', value)} options={[{ value: 'buy', label: 'Buy' }, { value: 'sell', label: 'Sell' }]} />
        <SegmentedChoice<OrderType> legend="Order type" name="type" value={draft.type} onChange={(value) => change('type', value)} options={[{ value: 'market', label: 'Market' }, { value: 'limit', label: 'Limit' }]} />
        <Field
          label={inPusd ? 'pUSD to spend' : 'Shares'}
          error={amountProblem}
          hint={amountProblem ? null : [readAsNote(draft.amount), inPusd ? 'A market buy spends this much pUSD at the best asks.' : found.market.minOrderSize === null ? null : `At least ${found.market.minOrderSize} shares.`].filter(Boolean).join('. ')}
        >
          {(control) => <input {...control} className="input input--mono" type="text" inputMode="decimal" autoComplete="off" placeholder={inPusd ? '10' : '10'} value={draft.amount} onChange={(event) => change('amount', event.currentTarget.value)} />}
        </Field>
        {draft.type === 'limit' ? (
          <Field label="Limit price (pUSD a share)" error={priceProblem} hint={priceProblem ? null : [readAsNote(draft.price), `0.01 to 0.99, in steps of ${found.market.tickSize}. The order rests on the book until someone takes it.`].filter(Boolean).join('. ')}>
            {(control) => <input {...control} className="input input--mono" type="text" inputMode="decimal" autoComplete="off" placeholder="0.40" value={draft.price} onChange={(event) => change('price', event.currentTarget.value)} />}
          </Field>
        ) : (
          <SegmentedChoice<MarketFill>
            legend="Fill"
            name="fill"
            value={draft.fill}
            onChange={(value) => change('fill', value)}
            options={[{ value: 'fok', label: 'All or nothing' }, { value: 'fak', label: 'Fill what you can' }]}
          />
        )}
        <label className="checkbox">
          <input type="checkbox" checked={draft.paper} onChange={(event) => change('paper', event.currentTarget.checked)} />
          <span><strong>Paper trade</strong>: simulate the fill at the current prices; nothing is sent to Polymarket.</span>
        </label>
      </div>

      <div className="order-form__side">
        <section className="inset-box gate-preview" aria-labelledby="polymarket-gate-title">
          <h3 className="gate-preview__title" id="polymarket-gate-title">Risk gate</h3>
          <div role="status" className="gate-preview__body">
            {busy === 'preview' ? <p className="busy-line">Asking the risk gate…</p> : null}
            {busy !== 'preview' && previewError ? (
              <div className="gate-verdict gate-verdict--blocked">
                <p className="gate-verdict__title">Cannot be previewed</p>
                <p>{previewError}</p>
              </div>
            ) : null}
            {busy !== 'preview' && !previewError && current ? <Verdict preview={current} /> : null}
            {busy !== 'preview' && !previewError && current === null ? <p className="muted">{previewed !== null ? 'The order changed: preview it again.' : 'Preview the order to see what the risk gate says and what it is worth, before anything is sent.'}</p> : null}
          </div>
        </section>
        <button type="submit" className="button button--secondary button--block" disabled={busy !== null} aria-busy={busy === 'preview'}><Eye size={16} aria-hidden="true" />Preview</button>
        <button
          type="button"
          className={current?.paper === false ? 'button button--primary button--block' : 'button button--secondary button--block'}
          disabled={busy !== null || current === null || !current.decision.allowed}
          aria-busy={busy === 'place'}
          onClick={() => void place()}
        >
          <Send size={16} aria-hidden="true" />{busy === 'place' ? 'Placing…' : current?.paper ? 'Place paper order' : 'Place'}
        </button>
        {placeError ? <div className="callout callout--danger" role="alert">{placeError}</div> : null}
        {placed ? (
          <div className={placed.status === 'open' || placed.status === 'filled' ? 'callout callout--success' : 'callout callout--danger'} role="status">
            <p className="callout__title">{placed.paper ? 'Paper order' : 'Order'} {orderStatusPresentation[placed.status].label.toLowerCase()}</p>
            <p>{placed.message || (placed.status === 'open' ? 'It rests on the book until it is matched or canceled.' : '')}</p>
          </div>
        ) : null}
      </div>
    </form>
  );
}

function Verdict({ preview }: { readonly preview: OrderPreview }) {
  const { decision } = preview;
  return (
    <div className="gate-preview__verdict">
      <div className={decision.allowed ? 'gate-verdict gate-verdict--allowed' : 'gate-verdict gate-verdict--blocked'}>
        <p className="gate-verdict__title">{decision.allowed ? 'Allowed' : `Blocked: ${decision.rule ? ruleLabels[decision.rule] : 'risk gate'}`}</p>
        <p>{decision.allowed && !preview.paper ? 'No rule of the risk gate stops this order.' : decision.message}</p>
      </div>
      <dl className="facts facts--compact">
        <div className="facts__row">
          <dt>Shares</dt>
          <dd className="mono">{formatAmount(preview.amount)}</dd>
        </div>
        <div className="facts__row">
          <dt>{preview.limitPrice === null ? 'Price' : 'Limit price'}</dt>
          <dd className="mono">{preview.limitPrice === null ? `market, about ${formatAmount(preview.price)}` : formatAmount(preview.limitPrice)} pUSD</dd>
        </div>
        <div className="facts__row">
          <dt>Value</dt>
          <dd className="mono" data-preview="value">{formatUsd(preview.notionalUsd)}</dd>
        </div>
        {preview.balance ? (
          <div className="facts__row">
            <dt>Needs</dt>
            <dd className="mono">{formatAmount(preview.balance.needed)} of {formatAmount(preview.balance.free)} {preview.balance.asset} free</dd>
          </div>
        ) : null}
        <div className="facts__row">
          <dt>Sent as</dt>
          <dd>{preview.paper ? 'Paper order: nothing is sent' : 'A real order on Polymarket'}</dd>
        </div>
      </dl>
      {preview.notes.length > 0 ? <ul className="small muted">{preview.notes.map((note) => <li key={note}>{note}</li>)}</ul> : null}
    </div>
  );
}
