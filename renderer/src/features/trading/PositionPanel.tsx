/**
 * The account's position on the chosen perpetual as the exchange reports it (side, size, entry and
 * mark price, unrealised PnL, leverage, margin mode, liquidation price, how much Keywarden opened),
 * its paper position, and "Close position": asked first, then closed with reduce-only market orders.
 */
import { CircleX } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { formatAmount } from '../../format/numbers';
import { useAppStores } from '../../stores/store-hooks';
import { closePosition, type FuturesAccount, type FuturesPosition } from './futures-channels';
import { closeSummary } from './futures-presentation';

interface PositionPanelProps {
  readonly account: FuturesAccount;
  /** The unified market chosen on the form (BTC/USDT:USDT), or null when none is. */
  readonly market: string | null;
  readonly onChanged: () => void;
}

type Closing = { readonly market: string; readonly paper: boolean; readonly what: string };

export function PositionPanel({ account, market, onChanged }: PositionPanelProps) {
  const [closing, setClosing] = useState<Closing | null>(null);
  const positions = market === null ? [] : account.positions.filter((position) => position.symbol === market);
  const paper = market === null ? undefined : account.paperPositions.find((position) => position.symbol === market && position.amount !== 0);
  const elsewhere = account.positions.filter((position) => position.symbol !== market);
  const quote = market?.split(':')[1] ?? 'USDT';

  return (
    <section className="inset-box futures-box" aria-labelledby="position-panel-title">
      <h2 className="gate-preview__title" id="position-panel-title">{market ? `Position · ${market}` : 'Position'}</h2>
      <div className="futures-box__body">
        {account.positionMode ? <p className="muted small">Position mode on the exchange: {account.positionMode === 'hedge' ? 'hedge (long and short held apart)' : 'one-way'}.</p> : null}
        {market === null ? <p className="muted">Choose a perpetual to see its position.</p> : null}
        {market !== null && positions.length === 0 && account.note === null ? <p className="muted" data-position="none">No open {market} position on {account.label}.</p> : null}
        {account.note ? <p className="muted">{account.note}</p> : null}
        {positions.map((position) => (
          <div key={position.side} className="futures-position" data-position={position.side}>
            <PositionFacts position={position} quote={quote} />
            <button type="button" className="button button--danger button--small" onClick={() => setClosing({ market: position.symbol, paper: false, what: positions.map((item) => `${item.side} ${formatAmount(item.amount)}`).join(' and ') })}>
              <CircleX size={14} aria-hidden="true" />Close position…
            </button>
          </div>
        ))}
        {paper && market !== null ? (
          <div className="futures-position" data-position="paper">
            <p><Badge tone="accent">Paper</Badge> {paper.amount > 0 ? 'Long' : 'Short'} {formatAmount(Math.abs(paper.amount))} at {formatAmount(paper.averagePrice)} {quote}</p>
            <button type="button" className="button button--secondary button--small" onClick={() => setClosing({ market, paper: true, what: `paper ${paper.amount > 0 ? 'long' : 'short'} ${formatAmount(Math.abs(paper.amount))}` })}>
              <CircleX size={14} aria-hidden="true" />Close paper position…
            </button>
          </div>
        ) : null}
        {elsewhere.length > 0 ? (
          <p className="muted small">Other positions: {elsewhere.map((position) => `${position.symbol} ${position.side} ${formatAmount(position.amount)}`).join(', ')}.</p>
        ) : null}
      </div>
      {closing ? <ClosePositionDialog account={account} closing={closing} onClose={() => setClosing(null)} onClosed={onChanged} /> : null}
    </section>
  );
}

function PositionFacts({ position, quote }: { readonly position: FuturesPosition; readonly quote: string }) {
  const rows: [string, string, string?][] = [
    ['Side', position.side === 'long' ? 'Long' : 'Short', 'side'],
    ['Size', `${formatAmount(position.amount)} ${position.symbol.split('/')[0] ?? ''}`, 'size'],
    ['Entry price', `${formatAmount(position.entryPrice)} ${quote}`],
    ['Mark price', `${formatAmount(position.markPrice)} ${quote}`],
    ['Unrealised PnL', `${position.unrealizedPnl > 0 ? '+' : ''}${formatAmount(position.unrealizedPnl)} ${quote}`, 'pnl'],
    ['Leverage', position.leverage === null ? 'Not available' : `${position.leverage}x`, 'leverage'],
    ['Margin mode', position.marginMode === null ? 'Not available' : position.marginMode === 'isolated' ? 'Isolated' : 'Cross', 'margin-mode'],
    ['Liquidation price', position.liquidationPrice === null ? 'Not available' : `${formatAmount(position.liquidationPrice)} ${quote}`, 'liquidation'],
    ['Opened by Keywarden', position.openedByKeywarden === 0 ? 'None (opened elsewhere)' : formatAmount(position.openedByKeywarden)],
  ];
  return (
    <dl className="facts facts--compact">
      {rows.map(([label, value, key]) => (
        <div className="facts__row" key={label}>
          <dt>{label}</dt>
          <dd className="mono" data-fact={key}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ClosePositionDialog({ account, closing, onClose, onClosed }: { readonly account: FuturesAccount; readonly closing: Closing; readonly onClose: () => void; readonly onClosed: () => void }) {
  const { toasts } = useAppStores();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await closePosition({ account: account.credentialId, symbol: closing.market, ...(closing.paper ? { paper: true } : {}) });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    const summary = closeSummary(result.value);
    toasts.getState().show(summary.tone, summary.text);
    onClosed();
    onClose();
  }

  return (
    <Dialog title={`Close the ${closing.market} position?`} onClose={onClose} tone="danger">
      <div className="stack">
        <p>
          {closing.paper
            ? `Closes the ${closing.what} on paper at the market; nothing is sent to the exchange.`
            : `Sends reduce-only market orders that close the whole ${closing.what} on ${account.label}. They pass the risk gate; a reduce-only order can only shrink the position, never open one.`}
        </p>
        <FormError message={error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>Keep it open</button>
          <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
            <CircleX size={16} aria-hidden="true" />
            {busy ? 'Closing…' : 'Close position'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
