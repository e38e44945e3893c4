/**
 * What the risk gate says about the order in the form, before anything is sent: allowed or blocked
 * (with the rule and its message), the amount rounded to the market, the price and the USD value
 * it is valued at, the balance it needs, and whether it is a real order or a paper one.
 */
import type { Environment, OrderPreview } from '../../api/contract-types';
import { formatAmount, formatUsd } from '../../format/numbers';
import { ruleLabels } from './order-presentation';
import type { PreviewState } from './use-order-preview';

interface OrderPreviewPanelProps {
  readonly state: PreviewState;
  /** The form's current order; an answer about another one is shown as outdated. */
  readonly currentKey: string | null;
  readonly accountLabel: string;
  readonly exchangeName: string;
  readonly environment: Environment;
}

export function OrderPreviewPanel({ state, currentKey, accountLabel, exchangeName, environment }: OrderPreviewPanelProps) {
  const shown = state.kind === 'ready' ? state.preview : state.kind === 'checking' ? state.previous : null;
  const fresh = state.kind === 'ready' ? state.key === currentKey : state.kind === 'checking' && state.previousKey === currentKey;
  return (
    <section className="inset-box gate-preview" aria-labelledby="gate-preview-title" aria-busy={state.kind === 'checking'}>
      <h2 className="gate-preview__title" id="gate-preview-title">Risk gate</h2>
      <div role="status" className="gate-preview__body">
        {currentKey === null ? <p className="muted">Fill in the order to see what the risk gate says before anything is sent.</p> : null}
        {currentKey !== null && state.kind === 'error' ? (
          <div className="gate-verdict gate-verdict--blocked">
            <p className="gate-verdict__title">Cannot be placed</p>
            <p>{state.error.message}</p>
          </div>
        ) : null}
        {currentKey !== null && shown !== null && state.kind !== 'error' ? <Verdict preview={shown} stale={!fresh} accountLabel={accountLabel} exchangeName={exchangeName} environment={environment} /> : null}
        {currentKey !== null && state.kind === 'checking' && shown === null ? <p className="busy-line">Asking the risk gate…</p> : null}
      </div>
    </section>
  );
}

function Verdict({ preview, stale, accountLabel, exchangeName, environment }: { readonly preview: OrderPreview; readonly stale: boolean; readonly accountLabel: string; readonly exchangeName: string; readonly environment: Environment }) {
  const { decision } = preview;
  return (
    <div className={stale ? 'gate-preview__verdict gate-preview__verdict--stale' : 'gate-preview__verdict'}>
      <div className={decision.allowed ? 'gate-verdict gate-verdict--allowed' : 'gate-verdict gate-verdict--blocked'}>
        <p className="gate-verdict__title">{decision.allowed ? 'Allowed' : `Blocked: ${decision.rule ? ruleLabels[decision.rule] : 'risk gate'}`}</p>
        <p>{decision.allowed && !preview.paper ? 'No rule of the risk gate stops this order.' : decision.message}</p>
      </div>
      <dl className="facts facts--compact">
        <div className="facts__row">
          <dt>Amount</dt>
          <dd className="mono" data-preview="amount">{formatAmount(preview.amount)} {preview.base}</dd>
        </div>
        <div className="facts__row">
          <dt>{preview.limitPrice === null ? 'Price' : 'Limit price'}</dt>
          <dd className="mono">{preview.limitPrice === null ? `market, about ${formatAmount(preview.price)}` : formatAmount(preview.limitPrice)} {preview.quote}</dd>
        </div>
        <div className="facts__row">
          <dt>Value</dt>
          <dd className="mono" data-preview="value">{formatUsd(preview.notionalUsd)}</dd>
        </div>
        {preview.balance ? (
          <div className="facts__row">
            <dt>Needs</dt>
            <dd className="mono">{formatAmount(preview.balance.needed)} {preview.balance.asset} of {formatAmount(preview.balance.free)} free</dd>
          </div>
        ) : null}
        <div className="facts__row">
          <dt>Sent to</dt>
          <dd>{preview.paper ? 'Nobody: paper trade, simulated' : `${accountLabel} on ${exchangeName} (${environment === 'live' ? 'live: real money' : 'testnet'})`}</dd>
        </div>
      </dl>
      {preview.notes.map((note) => <p key={note} className="muted small">{note}</p>)}
      {stale ? <p className="muted small">Checking the changed order…</p> : null}
      <p className="muted small">Amount rounded to the market’s step. The value is at the market price now{preview.limitPrice === null ? '' : ', or your limit if that is worse'}, whatever price you type.</p>
    </div>
  );
}
