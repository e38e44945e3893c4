/** Every request the listener received and what became of it, newest first; new ones arrive live. */
import { RefreshCw } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { Badge } from '../../components/Badge';
import { ToneIcon } from '../../components/StatusIcon';
import { Section } from '../../components/Section';
import type { WebhookEvent } from '../../api/contract-types';
import { refusalSummary } from '../../../../electron/shared/refusal-summary';
import { formatDateTimeSeconds } from '../../format/dates';
import { useAppStores, useWebhook } from '../../stores/store-hooks';
import { outcomePresentation } from './webhook-presentation';

function alertSummary(event: WebhookEvent): string {
  const alert = event.alert;
  if (alert === null) return '—';
  const text = (name: string) => (typeof alert[name] === 'string' || typeof alert[name] === 'number' ? String(alert[name]) : '');
  const amount = text('unit') === 'percent' && text('amount') ? `${text('amount')}%` : text('amount');
  return [text('side'), amount, text('unit') === 'quote' ? '(quote)' : '', text('symbol'), text('type') === 'limit' ? `at ${text('price')}` : ''].filter(Boolean).join(' ') || '—';
}

/** An alert for several accounts: each account's result (placed for one, blocked for another, and why). */
function AccountResults({ results }: { readonly results: NonNullable<WebhookEvent['accounts']> }) {
  return (
    // Spans styled as the table's other meta lines: no list style of its own to add.
    <span role="list" aria-label="Each account's result">
      {results.map((result) => (
        <span key={result.accountId} role="listitem" className="order-meta">
          <Badge tone={outcomePresentation[result.outcome].tone}><ToneIcon tone={outcomePresentation[result.outcome].tone} />{outcomePresentation[result.outcome].label}</Badge> {result.accountLabel}
          {result.outcome === 'placed' ? (result.orderId ? ` · order ${result.orderId}` : '') : `: ${result.message}`}
        </span>
      ))}
    </span>
  );
}

export function AlertEvents() {
  const events = useWebhook(useShallow((state) => state.events));
  const refusals = useWebhook(useShallow((state) => state.refusals));
  const fresh = useWebhook((state) => state.freshEventIds);
  const { webhook } = useAppStores();
  return (
    <Section
      title="Received alerts"
      description="Every request the listener received, its answer and what became of it. New alerts appear here as they arrive. The token and the raw body are never recorded."
      actions={<button type="button" className="button button--secondary button--small" onClick={() => void webhook.getState().loadEvents()}><RefreshCw size={14} aria-hidden="true" />Reload</button>}
    >
      <div className="table-frame table-frame--flat">
        <table className="data-table" aria-label="Received alerts">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Source</th>
              <th scope="col">Alert</th>
              <th scope="col">Result</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody aria-live="polite">
            {refusals.map((count) => {
              const outcome = outcomePresentation[count.reason];
              // Requests without a valid token are counted, not recorded one by one (a flood must not fill the disk).
              return (
                <tr key={`${count.reason}|${count.remoteAddress ?? ''}`} aria-label={`Unknown source: ${outcome.label}`}>
                  <td className="data-table__nowrap muted">{formatDateTimeSeconds(count.lastAt)}</td>
                  <td><span className="muted">none</span><span className="order-meta">{count.remoteAddress ?? 'other addresses'}</span></td>
                  <td className="mono">—</td>
                  <td className="data-table__nowrap"><Badge tone={outcome.tone}><ToneIcon tone={outcome.tone} />{outcome.label}</Badge></td>
                  <td>{refusalSummary(count)}<span className="order-meta">counted, not recorded one by one</span></td>
                </tr>
              );
            })}
            {events.map((event) => {
              const outcome = outcomePresentation[event.outcome];
              return (
                <tr key={event.id} className={fresh[event.id] ? 'data-table__row--fresh' : undefined} aria-label={`${event.sourceLabel ?? 'Unknown source'}: ${outcome.label}`}>
                  <td className="data-table__nowrap muted">{formatDateTimeSeconds(event.receivedAt)}</td>
                  <td>{event.sourceLabel ?? <span className="muted">none</span>}<span className="order-meta">{event.remoteAddress ?? ''}</span></td>
                  <td className="mono">{alertSummary(event)}</td>
                  <td className="data-table__nowrap"><Badge tone={outcome.tone}><ToneIcon tone={outcome.tone} />{outcome.label}</Badge></td>
                  <td>{event.message}{event.accounts ? <AccountResults results={event.accounts} /> : event.orderId ? <span className="order-meta">order {event.orderId}</span> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {events.length === 0 && refusals.length === 0 ? <p className="table-frame__empty muted">No alert received yet.</p> : null}
      </div>
    </Section>
  );
}
