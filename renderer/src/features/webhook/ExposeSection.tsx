/**
 * How TradingView reaches the listener: it delivers only to ports 80 and 443 of a public IPv4
 * address, so a reverse proxy with TLS or a tunnel sits in front. The public https address, the
 * proxy to trust and the TradingView-only filter are set here.
 */
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Section } from '../../components/Section';
import type { WebhookSettings, WebhookStatus } from '../../api/contract-types';
import { useAppStores, useWebhook } from '../../stores/store-hooks';

export function ExposeSection() {
  const settings = useWebhook((state) => state.settings);
  const status = useWebhook((state) => state.status);
  if (settings === null || status === null) return null;
  return (
    <Section title="Reach it from TradingView" description="TradingView delivers alerts only to ports 80 and 443 of a public IPv4 address, waits at most 3 seconds, and sends no custom headers. Put a reverse proxy with TLS or a tunnel in front of the listener.">
      <ol className="steps">
        <li className="steps__item">
          <span className="steps__title">Forward a public https address to the listener</span>
          <span className="steps__text">
            A reverse proxy on a server, e.g. Caddy: <code className="inline-code">alerts.example.com {'{'} reverse_proxy {status.host}:{status.port} {'}'}</code> (nginx: <code className="inline-code">proxy_pass http://{status.host}:{status.port};</code> in a TLS server block), or a tunnel from this computer (Cloudflare Tunnel, ngrok, Tailscale Funnel) to <code className="inline-code">http://{status.host}:{status.port}</code>.
          </span>
        </li>
        <li className="steps__item">
          <span className="steps__title">Tell Keywarden that address</span>
          <span className="steps__text">The URL to paste into TradingView then starts with it. Behind a proxy, name the proxy’s address so the alert’s real sender is read from X-Forwarded-For.</span>
        </li>
      </ol>
      <ExposeForm key={`${settings.publicBaseUrl ?? ''}|${settings.trustedProxy ?? ''}|${String(settings.tradingViewIpsOnly)}`} settings={settings} />
      <p className="webhook-url">
        <span className="muted small">Webhook URL to paste into TradingView: </span>
        <span className="mono">{urlPrefix(status)}&lt;token&gt;</span>
      </p>
    </Section>
  );
}

function urlPrefix(status: WebhookStatus): string {
  return status.publicWebhookUrlPrefix ?? `${status.localUrl ?? `http://${status.host}:${status.port}`}/webhook/`;
}

function ExposeForm({ settings }: { readonly settings: WebhookSettings }) {
  const { webhook, toasts } = useAppStores();
  const [publicUrl, setPublicUrl] = useState(settings.publicBaseUrl ?? '');
  const [proxy, setProxy] = useState(settings.trustedProxy ?? '');
  const [tradingViewOnly, setTradingViewOnly] = useState(settings.tradingViewIpsOnly);
  const [fieldErrors, setFieldErrors] = useState<{ publicBaseUrl?: string; trustedProxy?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFieldErrors({});
    setFormError(null);
    setBusy(true);
    const result = await webhook.getState().saveSettings({
      publicBaseUrl: publicUrl.trim() === '' ? null : publicUrl.trim(),
      trustedProxy: proxy.trim() === '' ? null : proxy.trim(),
      tradingViewIpsOnly: tradingViewOnly,
    });
    setBusy(false);
    if (result.ok) return toasts.getState().show('success', 'Saved how TradingView reaches the listener.');
    const field = result.error.details?.['field'];
    if (field === 'publicBaseUrl' || field === 'trustedProxy') setFieldErrors({ [field]: result.error.message });
    else setFormError(result.error.message);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label="Public address">
      <div className="two-fields">
        <Field label="Public https address" error={fieldErrors.publicBaseUrl} hint="For example https://alerts.example.com (port 443, no path).">
          {(control) => <input {...control} className="input input--mono" type="url" autoComplete="off" spellCheck={false} placeholder="https://alerts.example.com" value={publicUrl} onChange={(event) => setPublicUrl(event.currentTarget.value)} />}
        </Field>
        <Field label="Trusted proxy address" error={fieldErrors.trustedProxy} hint="The proxy’s IP as the listener sees it, e.g. 127.0.0.1. Empty: no proxy.">
          {(control) => <input {...control} className="input input--mono" type="text" autoComplete="off" spellCheck={false} placeholder="No proxy" value={proxy} onChange={(event) => setProxy(event.currentTarget.value)} />}
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={tradingViewOnly} onChange={(event) => setTradingViewOnly(event.currentTarget.checked)} />
        <span>Accept alerts only from TradingView’s published addresses (needs the trusted proxy behind a proxy).</span>
      </label>
      <FormError message={formError} />
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}>{busy ? 'Saving…' : 'Save address'}</button>
      </div>
    </form>
  );
}
