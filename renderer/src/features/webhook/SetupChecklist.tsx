/**
 * Connect TradingView in one place (issue 19): the message to paste (accounts named by label),
 * "Send test alert" (through the public URL when one is set, so the whole path is proven) and a
 * checklist that turns green as the listener, the public address and a first alert are seen. The
 * test alert needs the token, which only the one-time panel holds: without `token` the button says so.
 */
import { Send } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Badge } from '../../components/Badge';
import { ToneIcon } from '../../components/StatusIcon';
import { CopyButton } from '../../components/CopyButton';
import type { IssuedToken } from '../../api/contract-types';
import { useAppStores, useWebhook } from '../../stores/store-hooks';
import { useListenerWatch, type TestAlertResult } from '../vault/listener-watch-store';

type Step = { readonly key: string; readonly label: string; readonly done: boolean; readonly hint: string };

export function SetupChecklist({ issued }: { readonly issued?: IssuedToken | undefined }) {
  const { webhook, listenerWatch } = useAppStores();
  const status = useWebhook((state) => state.status);
  const eventCount = useWebhook((state) => state.events.length);
  const alertsSeen = useListenerWatch((state) => state.alertsSeen);
  const [test, setTest] = useState<{ readonly busy: boolean; readonly result: TestAlertResult | null; readonly error: string | null }>({ busy: false, result: null, error: null });

  const running = status?.running ?? false;
  const publicSet = status?.publicWebhookUrlPrefix != null;
  const alertSeen = alertsSeen > 0 || eventCount > 0 || test.result?.ok === true;
  const steps: Step[] = [
    { key: 'listener', label: 'Listener running', done: running, hint: 'Turn the listener on above.' },
    { key: 'public', label: 'Public address (tunnel or proxy)', done: publicSet, hint: 'Set how TradingView reaches you under “Reach it from TradingView”.' },
    { key: 'alert', label: 'First alert received', done: alertSeen, hint: issued ? 'Send a test alert below, or wait for TradingView’s first one.' : 'Waiting for the first alert.' },
  ];

  async function sendTest() {
    if (!issued) return;
    setTest({ busy: true, result: null, error: null });
    const result = await listenerWatch.getState().sendTestAlert({ token: issued.oneTimeToken });
    setTest({ busy: false, result: result.ok ? result.value : null, error: result.ok ? null : result.error.message });
    void webhook.getState().load();
  }

  const titleId = useId();
  const allDone = steps.every((step) => step.done);
  return (
    <section className="one-time stack" aria-labelledby={titleId} data-setup-state={allDone ? 'ready' : 'pending'}>
      <h3 id={titleId} className="one-time__title">{issued ? 'Connect TradingView: paste, then test' : 'Connect TradingView'}</h3>
      <ol className="stack" aria-label="Set-up checklist">
        {steps.map((step) => (
          <li key={step.key} data-step={step.key} data-done={step.done ? 'true' : 'false'}>
            <Badge tone={step.done ? 'success' : 'neutral'}><ToneIcon tone={step.done ? 'success' : 'neutral'} />{step.done ? 'Done' : 'Not yet'}</Badge> {step.label}
            {step.done ? null : <span className="muted small"> — {step.hint}</span>}
          </li>
        ))}
      </ol>
      {issued ? <SetupMessage issued={issued} /> : null}
      {issued ? (
        <div className="form-actions form-actions--start">
          <button type="button" className="button button--secondary" disabled={!running || test.busy} aria-busy={test.busy} onClick={() => void sendTest()}>
            <Send size={16} aria-hidden="true" />{test.busy ? 'Sending test alert…' : 'Send test alert'}
          </button>
        </div>
      ) : (
        <p className="muted small">“Send test alert” is offered while a new token is on screen (create a source or rotate its token): Keywarden keeps only its hash.</p>
      )}
      {test.error ? <p className="callout callout--danger" role="alert">{test.error}</p> : null}
      {test.result ? (
        <ul className="stack" aria-label="Test alert" data-test-alert={test.result.ok ? 'ok' : 'failed'}>
          <li className="muted small">Sent to {test.result.url} ({test.result.via === 'public' ? 'through the public address' : 'to the listener on this computer'})</li>
          {test.result.hops.map((hop) => (
            <li key={hop.hop}><Badge tone={hop.ok ? 'success' : 'danger'}><ToneIcon tone={hop.ok ? 'success' : 'danger'} />{hop.ok ? 'OK' : 'Failed'}</Badge> {hop.detail}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The message for the source's first account; another account, or several at once, comes from the generator. */
function SetupMessage({ issued }: { readonly issued: IssuedToken }) {
  const { webhook } = useAppStores();
  const accounts = issued.source.scope.accounts ?? [];
  const labels = issued.source.accountLabels ?? [];
  const [message, setMessage] = useState<string | null>(null);
  const first = accounts[0];

  useEffect(() => {
    if (!first) return;
    let live = true;
    void webhook.getState().message({ account: first, symbol: '{{ticker}}', mode: 'strategy', token: issued.oneTimeToken }).then((result) => {
      if (live && result.ok) setMessage(result.value.message);
    });
    return () => {
      live = false;
    };
  }, [webhook, first, issued.oneTimeToken]);

  if (!first) return null;
  return (
    <div className="stack">
      <p className="small" data-message-account={labels[0] ?? first}>
        The message trades on <strong>{labels[0] ?? first}</strong>
        {accounts.length > 1 ? ' (for another account of this source, or several at once, use “Alert message” below)' : ''}.
        It names the account by its label: if you rename the account, generate the message again and update the alert.
      </p>
      {message ? (
        <div className="one-time__row">
          <span className="one-time__label">Message</span>
          <code className="one-time__value">{message}</code>
          <CopyButton text={message} what="Message" />
        </div>
      ) : null}
    </div>
  );
}
