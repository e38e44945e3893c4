/**
 * How TradingView reaches the listener, in one section (issue 19): pick an installed tunnel tool (the
 * others say how to install them on this OS), start or stop it, and copy the live public webhook URL;
 * or type your own public https address (a reverse proxy), with the proxy to trust. The state follows
 * the core's `webhook.tunnel` events, so a restart or a failure shows here as it happens.
 */
import { Play, Save, Square } from 'lucide-react';
import { useCallback, useState, type FormEvent } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { Field } from '../../components/Field';
import type { BadgeTone } from '../../components/Badge';
import { Section } from '../../components/Section';
import { ToneIcon } from '../../components/StatusIcon';
import { useAppStores, useWebhook } from '../../stores/store-hooks';
import { SenderOptions } from './SenderOptions';
import { setTunnel, useTunnel, type TunnelChoice, type TunnelStatus, type TunnelToolInfo } from './tunnel-channels';

/** What the person picks: a tool, or their own address. */
type Pick = Exclude<TunnelChoice, 'none'> | 'own';

function stateLine(status: TunnelStatus, listenerRunning: boolean): { readonly tone: BadgeTone; readonly mode?: 'off' | 'waiting'; readonly title: string; readonly detail: string | null } {
  switch (status.state) {
    case 'running': return { tone: 'success', title: 'Up', detail: status.restarts > 0 ? `Restarted ${status.restarts} time(s); a quick tunnel gets a new address at each restart: paste it again.` : null };
    case 'starting': return { tone: 'neutral', mode: 'waiting', title: 'Starting…', detail: 'Waiting for the tool to report its public address.' };
    case 'restarting': return { tone: 'neutral', mode: 'waiting', title: 'Restarting', detail: status.lastError };
    case 'failed': return { tone: 'warning', title: 'Failed', detail: status.lastError };
    case 'not-installed': return { tone: 'warning', title: 'Not installed', detail: status.installHint ?? status.lastError };
    case 'off': return { tone: 'neutral', mode: 'off', title: 'Off', detail: status.choice !== 'none' && !listenerRunning ? 'It starts with the listener: turn the listener on above.' : null };
  }
}

export function TunnelSection() {
  const { webhook, toasts } = useAppStores();
  const settings = useWebhook((state) => state.settings);
  const listener = useWebhook((state) => state.status);
  // The listener's status (and its URL to paste) follow the tunnel too.
  const reloadWebhook = useCallback(() => void webhook.getState().load(), [webhook]);
  const { status, tools, set } = useTunnel(reloadWebhook);
  const chosen = settings?.tunnel ?? 'none';
  const [picked, setPicked] = useState<Pick | null>(null);
  const [busy, setBusy] = useState(false);
  if (status === null || settings === null || listener === null) return null;
  const pick: Pick = picked ?? (chosen !== 'none' ? chosen : settings.publicBaseUrl ? 'own' : firstInstalled(tools));
  const active = chosen !== 'none';
  const line = stateLine({ ...status, choice: chosen }, listener.running);
  // The tunnel's own report first: it is the live address, even before the listener's status reloads.
  const publicPrefix = status.webhookUrlPrefix ?? listener.publicWebhookUrlPrefix;

  async function apply(tunnel: TunnelChoice) {
    setBusy(true);
    const result = await setTunnel({ tunnel });
    setBusy(false);
    if (!result.ok) return toasts.getState().show('error', result.error.message);
    set(result.value);
    reloadWebhook();
    toasts.getState().show('success', tunnel === 'none' ? 'The tunnel is stopped.' : listener?.running ? 'The tunnel is starting.' : 'Saved: the tunnel starts with the listener.');
  }

  return (
    <Section title="Reach it from TradingView" description="TradingView delivers alerts only to ports 80 and 443 of a public IPv4 address. A tunnel client installed on this computer gives the listener a public https address with no server to run; Keywarden starts and stops it with the listener.">
      <fieldset className="choice-group" disabled={busy || active}>
        <legend className="choice-group__legend">How TradingView reaches this computer</legend>
        {tools.map((tool) => (
          <label key={tool.tool} className={tool.installed ? 'choice' : 'choice choice--disabled'}>
            <input type="radio" name="tunnel-tool" value={tool.tool} disabled={!tool.installed} checked={pick === tool.tool} onChange={() => setPicked(tool.tool)} />
            <span className="choice__text">
              <span className="choice__title">{tool.name}{tool.installed ? <span className="choice__tag">installed</span> : null}</span>
              <span className="choice__detail">{tool.installed ? (tool.needsAccount ? 'Needs your account with it, signed in on this computer.' : 'No account needed; a new address at each start.') : tool.installHint}</span>
            </span>
          </label>
        ))}
        <label className="choice">
          <input type="radio" name="tunnel-tool" value="own" checked={pick === 'own'} onChange={() => setPicked('own')} />
          <span className="choice__text">
            <span className="choice__title">My own public https address</span>
            <span className="choice__detail">A reverse proxy with TLS (Caddy, nginx) or a tunnel you run yourself, forwarding to http://{listener.host}:{listener.port}.</span>
          </span>
        </label>
      </fieldset>
      {pick === 'own' && !active ? (
        <OwnAddressForm key={settings.publicBaseUrl ?? ''} current={settings.publicBaseUrl} onSaved={(next) => { set(next); reloadWebhook(); }} />
      ) : (
        <div className="form-actions form-actions--start">
          {active
            ? <button type="button" className="button button--secondary" disabled={busy} aria-busy={busy} onClick={() => void apply('none')}><Square size={16} aria-hidden="true" />Stop tunnel</button>
            : <button type="button" className="button" disabled={busy || pick === 'own'} aria-busy={busy} onClick={() => { if (pick !== 'own') void apply(pick); }}><Play size={16} aria-hidden="true" />Start tunnel</button>}
        </div>
      )}
      {active ? (
        <div className="listener__state" role="status" aria-label="Tunnel state">
          <span className="listener__text">
            <strong className="status-line"><ToneIcon tone={line.tone} {...(line.mode ? { mode: line.mode } : {})} size={16} />{line.title}</strong>
            {line.detail ? <span className="muted small">{line.detail}</span> : null}
          </span>
        </div>
      ) : null}
      <SenderOptions settings={settings} behindOwnProxy={pick === 'own' && !active} />
      {publicPrefix ? (
        <p className="webhook-url">
          <span className="muted small">Public webhook URL (add the source’s token at the end): </span>
          <span className="mono" aria-label="Public webhook URL">{publicPrefix}</span>{' '}
          <CopyButton text={publicPrefix} what="Public webhook URL" />
        </p>
      ) : (
        <p className="webhook-url">
          <span className="muted small">No public address yet: the listener’s own address, </span>
          <span className="mono">{listener.localUrl ?? `http://${listener.host}:${listener.port}`}/webhook/</span>
          <span className="muted small">, cannot be reached by TradingView.</span>
        </p>
      )}
    </Section>
  );
}

function firstInstalled(tools: readonly TunnelToolInfo[]): Pick {
  return tools.find((tool) => tool.installed)?.tool ?? 'own';
}

/** The person's own address: the `publicBaseUrl` setting, saved through the tunnel channel (which also stops any tunnel). */
function OwnAddressForm({ current, onSaved }: { readonly current: string | null; readonly onSaved: (status: TunnelStatus) => void }) {
  const { toasts } = useAppStores();
  const [value, setValue] = useState(current ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    const result = await setTunnel({ publicUrl: value.trim() });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    onSaved(result.value);
    toasts.getState().show('success', 'Saved your public address.');
  }

  return (
    <form className="inline-form inline-form--compact" aria-label="Own public address" onSubmit={(event) => void submit(event)} noValidate>
      <Field label="Public https address" error={error} hint="For example https://alerts.example.com (port 443, no path).">
        {(control) => <input {...control} className="input input--mono" type="url" autoComplete="off" spellCheck={false} placeholder="https://alerts.example.com" value={value} onChange={(event) => { setValue(event.currentTarget.value); setError(null); }} />}
      </Field>
      <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}><Save size={16} aria-hidden="true" />{busy ? 'Saving…' : 'Save address'}</button>
    </form>
  );
}
