/**
 * The panic dialog's list of perpetual positions: those Keywarden opened (closed only when the
 * person ticks the box), those opened elsewhere (left alone), and accounts that could not be read.
 */
import { formatAmount } from '../../format/numbers';
import type { PanicPositionsPreview } from './futures-channels';
import type { PanicPositions as PanicPositionsModel } from './use-panic-positions';

type Item = PanicPositionsPreview['toClose'][number];

export function PanicPositions({ model }: { readonly model: PanicPositionsModel }) {
  const { state } = model;
  if (state.kind === 'loading') return <p className="busy-line" role="status">Reading perpetual positions…</p>;
  if (state.kind === 'error') return <p className="muted" role="status">Perpetual positions could not be read: {state.error.message} Panic leaves them as they are.</p>;
  const { toClose, leftAlone, unreadable } = state.preview;
  if (toClose.length === 0 && leftAlone.length === 0 && unreadable.length === 0) return null;
  return (
    <section className="stack" aria-label="Perpetual positions" data-panic-positions={toClose.length}>
      {toClose.length > 0 ? (
        <>
          <label className="checkbox">
            <input type="checkbox" checked={model.close} onChange={(event) => model.setClose(event.currentTarget.checked)} />
            <span><strong>Also close the {toClose.length === 1 ? 'position' : `${toClose.length} positions`} Keywarden opened</strong>, first, with reduce-only market orders:</span>
          </label>
          <PositionList items={toClose} />
        </>
      ) : null}
      {leftAlone.length > 0 ? (
        <>
          <p className="muted small">Left alone, opened outside Keywarden:</p>
          <PositionList items={leftAlone} />
        </>
      ) : null}
      {unreadable.map((account) => <p key={account.credentialId} className="muted small">Could not read {account.label}: {account.message}</p>)}
    </section>
  );
}

function PositionList({ items }: { readonly items: readonly Item[] }) {
  return (
    <ul className="panic-positions small">
      {items.map((item) => (
        <li key={`${item.credentialId}:${item.symbol}:${item.side}`} className="mono">{item.label} · {item.symbol} · {item.side} {formatAmount(item.amount)}</li>
      ))}
    </ul>
  );
}
