/** The listener: on or off, where it listens (its port can be changed), and what stops alerts from trading right now. */
import { Save } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { Section } from '../../components/Section';
import { ToneIcon } from '../../components/StatusIcon';
import { useAppStores, useVault, useWebhook } from '../../stores/store-hooks';
import { isLoopbackHost } from '../../../../electron/shared/loopback-host';

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
          <span className="listener__text">
            <strong className="status-line"><ToneIcon tone={status.running ? 'success' : status.enabled ? 'warning' : 'neutral'} {...(status.running || status.enabled ? {} : { mode: 'off' as const })} size={16} />{status.running ? 'Listening' : status.enabled ? 'On, but not running' : 'Off'}</strong>
            <span className="muted small">
              {status.running && status.localUrl ? <>on <span className="mono">{status.localUrl}</span>{isLoopbackHost(status.host) ? ', this computer only' : ''}</> : `Would listen on ${status.host}:${status.port}`}
            </span>
          </span>
        </div>
        <label className="checkbox listener__toggle">
          <input type="checkbox" checked={asked ?? status.enabled} aria-busy={busy} onChange={(event) => { if (!busy) void toggle(event.currentTarget.checked); }} />
          <span>Receive alerts while Keywarden is open</span>
        </label>
      </div>
      <PortForm key={status.port} port={status.port} running={status.running} />
      {isLoopbackHost(status.host) ? null : (
        <p className="callout callout--warning" role="alert">
          The listener binds <span className="mono">{status.host}</span>, not only this computer: it speaks plain HTTP with each source’s token in the URL, so anyone on your network who can see that traffic can read a token and place orders. Prefer 127.0.0.1 (this computer only) behind an HTTPS tunnel or reverse proxy.
        </p>
      )}
      {status.paused ? <p className="callout callout--warning">Trading paused: alerts are refused and nothing is placed until you resume trading.</p> : null}
      <p className="muted small">
        Alerts trade only while the vault is unlocked; while it is locked, alerts are refused.
        {autoLockMinutes > 0 ? ` The vault locks after ${autoLockMinutes} idle minutes (Settings): to trade alerts around the clock, turn auto-lock off on a machine you trust.` : ' Auto-lock is off.'}
      </p>
      <p className="muted small">Closing the window does not stop the listener: Keywarden keeps running in the tray. Quit it from the tray icon’s menu to stop both.</p>
    </Section>
  );
}

/** The port: checked by the core before it is saved (one in use is refused and the listener stays put). */
function PortForm({ port, running }: { readonly port: number; readonly running: boolean }) {
  const { webhook, toasts } = useAppStores();
  const [value, setValue] = useState(String(port));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const wanted = Number(value.trim());
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > 65_535) return setError('Enter a port from 1 to 65535 (above 1024 needs no special rights).');
    if (wanted === port) return;
    setBusy(true);
    const result = await webhook.getState().saveSettings({ port: wanted });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toasts.getState().show('success', running ? `The listener moved to port ${wanted}. Update your proxy or tunnel if it points at the old one.` : `Port ${wanted} saved.`);
  }

  return (
    <form className="inline-form inline-form--compact" aria-label="Listener port" onSubmit={submit} noValidate>
      <Field label="Port" error={error}>
        {(control) => <input {...control} className="input input--narrow" type="number" inputMode="numeric" min={1} max={65_535} step={1} value={value} onChange={(event) => { setValue(event.currentTarget.value); setError(null); }} />}
      </Field>
      <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}><Save size={16} aria-hidden="true" />{busy ? 'Saving…' : 'Save port'}</button>
    </form>
  );
}

