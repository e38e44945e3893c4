/**
 * Position drift on the Webhook page (issue 19): accounts that hold more or less than their
 * strategy's position says, after a lost or doubled alert. "Bring in line" shows the order and what
 * the risk gate says first, and places it only when confirmed (a manual order through the gate);
 * "Dismiss" accepts the holding. Read fresh here and on each `webhook.drift` event, not kept in a
 * store: nothing else in the window needs it.
 */
import { Scale, Send, X } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { callChannel } from '../../api/call-channel';
import type { ChannelOutput } from '../../api/contract-types';
import { formatDateTimeSeconds } from '../../format/dates';

type Drift = ChannelOutput<'webhook.drift.list'>[number];
type Preview = ChannelOutput<'webhook.drift.preview'>;

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;

function explain(drift: Drift): string {
  const what = drift.difference < 0 ? 'less than' : 'more than';
  const likely = drift.difference < 0 ? 'an alert was probably lost, or its order refused' : 'an alert was probably sent twice';
  return `${drift.accountLabel} holds ${drift.actual} ${drift.base}, ${what} the ${drift.expected} ${drift.base} the strategy of "${drift.sourceLabel}" says (${signed(drift.difference)} ${drift.base}): ${likely}.`;
}

export function DriftBanner() {
  const [drifts, setDrifts] = useState<readonly Drift[]>([]);
  const [preview, setPreview] = useState<{ id: string; value: Preview } | null>(null);
  const [message, setMessage] = useState<{ tone: 'danger' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await callChannel(window.keywarden, 'webhook.drift.list', {});
    if (result.ok) setDrifts(result.value);
  }, []);

  useEffect(() => {
    void load();
    return window.keywarden.subscribe('webhook.drift', () => void load());
  }, [load]);

  const act = async (run: () => Promise<string | null>) => {
    setBusy(true);
    try {
      const failure = await run();
      if (failure) setMessage({ tone: 'danger', text: failure });
    } finally {
      setBusy(false);
      await load();
    }
  };

  const showPreview = (id: string) => act(async () => {
    setMessage(null);
    const result = await callChannel(window.keywarden, 'webhook.drift.preview', { id });
    if (!result.ok) return result.error.message;
    setPreview({ id, value: result.value });
    return null;
  });

  const place = (id: string) => act(async () => {
    const result = await callChannel(window.keywarden, 'webhook.drift.fix', { id });
    setPreview(null);
    if (!result.ok) return result.error.message;
    if (result.value.drift.status !== 'fixed') return `Not placed: ${result.value.order.message}`;
    setMessage({ tone: 'success', text: `Placed: ${result.value.order.message}` });
    return null;
  });

  const dismiss = (id: string) => act(async () => {
    const result = await callChannel(window.keywarden, 'webhook.drift.dismiss', { id });
    if (preview?.id === id) setPreview(null);
    return result.ok ? null : result.error.message;
  });

  if (drifts.length === 0 && !message) return null;
  return (
    <div className="callout callout--warning" role="region" aria-label="Position drift" data-testid="drift-banner">
      {drifts.length > 0 ? <strong>Position drift: {drifts.length === 1 ? 'an account does' : `${drifts.length} accounts do`} not hold what the strategy says</strong> : null}
      <ul>
        {drifts.map((drift) => (
          <li key={drift.id} aria-label={`Drift on ${drift.accountLabel} ${drift.symbol}`}>
            <span>{explain(drift)}</span> <span className="muted">{formatDateTimeSeconds(drift.detectedAt)}</span>
            <div>
              {preview?.id === drift.id ? (
                <>
                  <span role="status">
                    {`${drift.difference < 0 ? 'Buy' : 'Sell'} ${preview.value.amount} ${preview.value.base} at market on ${preview.value.symbol} (about $${preview.value.notionalUsd.toFixed(2)}). `}
                    {preview.value.decision.allowed ? 'The risk gate allows it.' : `The risk gate would refuse it: ${preview.value.decision.message}`}
                  </span>{' '}
                  <button type="button" className="button button--small" disabled={busy || !preview.value.decision.allowed} onClick={() => void place(drift.id)}><Send size={14} aria-hidden="true" />Place order</button>{' '}
                  <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => setPreview(null)}>Cancel</button>
                </>
              ) : (
                <button type="button" className="button button--small" disabled={busy} onClick={() => void showPreview(drift.id)}><Scale size={14} aria-hidden="true" />Bring in line</button>
              )}{' '}
              <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void dismiss(drift.id)}><X size={14} aria-hidden="true" />Dismiss</button>
            </div>
          </li>
        ))}
      </ul>
      {message ? <p role={message.tone === 'danger' ? 'alert' : 'status'}>{message.text}</p> : null}
    </div>
  );
}
