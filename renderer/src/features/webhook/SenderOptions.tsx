/**
 * Who may send alerts: the TradingView-only filter (it works behind a tunnel too: the sender is read
 * from the tunnel's header) and, behind the person's own reverse proxy, the proxy to trust so the
 * real sender is read from X-Forwarded-For. The public address itself is set with the tunnel choice.
 */
import { Save } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import type { WebhookSettings } from '../../api/contract-types';
import { useAppStores } from '../../stores/store-hooks';

export function SenderOptions({ settings, behindOwnProxy }: { readonly settings: WebhookSettings; readonly behindOwnProxy: boolean }) {
  return <SenderForm key={`${settings.trustedProxy ?? ''}|${String(settings.tradingViewIpsOnly)}`} settings={settings} behindOwnProxy={behindOwnProxy} />;
}

function SenderForm({ settings, behindOwnProxy }: { readonly settings: WebhookSettings; readonly behindOwnProxy: boolean }) {
  const { webhook, toasts } = useAppStores();
  const [proxy, setProxy] = useState(settings.trustedProxy ?? '');
  const [tradingViewOnly, setTradingViewOnly] = useState(settings.tradingViewIpsOnly);
  const [proxyError, setProxyError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = tradingViewOnly !== settings.tradingViewIpsOnly || proxy.trim() !== (settings.trustedProxy ?? '');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProxyError(null);
    setFormError(null);
    setBusy(true);
    const result = await webhook.getState().saveSettings({
      ...(behindOwnProxy ? { trustedProxy: proxy.trim() === '' ? null : proxy.trim() } : {}),
      tradingViewIpsOnly: tradingViewOnly,
    });
    setBusy(false);
    if (result.ok) return toasts.getState().show('success', 'Saved who may send alerts.');
    if (result.error.details?.['field'] === 'trustedProxy') setProxyError(result.error.message);
    else setFormError(result.error.message);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label="Who may send alerts">
      {behindOwnProxy ? (
        <Field label="Trusted proxy address" error={proxyError} hint="Your reverse proxy’s IP as the listener sees it, e.g. 127.0.0.1, so the alert’s real sender is read from X-Forwarded-For. Empty: no proxy.">
          {(control) => <input {...control} className="input input--mono" type="text" autoComplete="off" spellCheck={false} placeholder="No proxy" value={proxy} onChange={(event) => setProxy(event.currentTarget.value)} />}
        </Field>
      ) : null}
      <label className="checkbox">
        <input type="checkbox" checked={tradingViewOnly} onChange={(event) => setTradingViewOnly(event.currentTarget.checked)} />
        <span>Accept alerts only from TradingView’s published addresses{behindOwnProxy ? ' (needs the trusted proxy)' : ''}.</span>
      </label>
      <FormError message={formError} />
      {changed ? (
        <div className="form-actions form-actions--start">
          <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}><Save size={16} aria-hidden="true" />{busy ? 'Saving…' : 'Save'}</button>
        </div>
      ) : null}
    </form>
  );
}
