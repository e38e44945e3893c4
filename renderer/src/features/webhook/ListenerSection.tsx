/** The listener: on or off, where it listens, and what stops alerts from trading right now. */
import { useState } from 'react';
import { Section } from '../../components/Section';
import { useAppStores, useVault, useWebhook } from '../../stores/store-hooks';

export function ListenerSection() {
  const status = useWebhook((state) => state.status);
  const autoLockMinutes = useVault((state) => state.status?.autoLockMinutes ?? 0);
  const { webhook, toasts } = useAppStores();
  // While the change is saved, the box shows what was asked for.
  const [asked, setAsked] = useState<boolean | null>(null);
  const busy = asked !== null;
  if (status === null) return null;

  async function toggle(enabled: boolean) {
    setAsked(enabled);
    const result = await webhook.getState().saveSettings({ enabled });
    setAsked(null);
    if (!result.ok) return toasts.getState().show('error', result.error.message);
    toasts.getState().show('success', enabled ? 'The webhook listener is on: it runs while Keywarden is open.' : 'The webhook listener is off: alerts are not received.');
  }

  return (
    <Section title="Listener" description="A small web server inside Keywarden that receives TradingView’s alerts. It runs while the app is open and the setting is on.">
      <div className="listener">
        <div className="listener__state" role="status">
          <span className={status.running ? 'status-dot status-dot--ok' : 'status-dot status-dot--off'} aria-hidden="true" />
          <span className="listener__text">
            <strong>{status.running ? 'Listening' : status.enabled ? 'On, but not running' : 'Off'}</strong>
            <span className="muted small">
              {status.running && status.localUrl ? <>on <span className="mono">{status.localUrl}</span>{isLoopback(status.host) ? ', this computer only' : ''}</> : `Would listen on ${status.host}:${status.port}`}
            </span>
          </span>
        </div>
        <label className="checkbox listener__toggle">
          <input type="checkbox" checked={asked ?? status.enabled} aria-busy={busy} onChange={(event) => { if (!busy) void toggle(event.currentTarget.checked); }} />
          <span>Receive alerts while Keywarden is open</span>
        </label>
      </div>
      {status.paused ? <p className="callout callout--warning">Trading is paused (kill switch): alerts are answered “409 paused” and nothing is placed until you resume trading.</p> : null}
      <p className="muted small">
        Alerts trade only while the vault is unlocked; a locked vault answers “409”.
        {autoLockMinutes > 0 ? ` The vault locks after ${autoLockMinutes} idle minutes (Settings): to trade alerts around the clock, turn auto-lock off on a machine you trust.` : ' Auto-lock is off.'}
      </p>
    </Section>
  );
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}
