/**
 * A new token, shown this once: the full webhook URL to paste into TradingView and the token on its
 * own, each with a copy button. It lives only in this component's props: "Hide it" (or leaving the
 * page) removes it from the screen for good; Keywarden keeps only its hash.
 */
import { EyeOff } from 'lucide-react';
import { CopyButton } from '../../components/CopyButton';
import type { IssuedToken } from '../../api/contract-types';

export function OneTimeToken({ issued, rotated, onDone }: { readonly issued: IssuedToken; readonly rotated: boolean; readonly onDone: () => void }) {
  const url = `${issued.urlPrefix}${issued.oneTimeToken}`;
  return (
    <section className="one-time" aria-labelledby="one-time-title">
      <h3 className="one-time__title" id="one-time-title">
        {rotated ? `New token for “${issued.source.label}”` : `“${issued.source.label}” is ready`}: copy it now, it is shown only once
      </h3>
      <p className="small">Keywarden keeps only a hash of the token. If you lose it, rotate the token and paste the new URL into TradingView.</p>
      <div className="one-time__row">
        <span className="one-time__label">Webhook URL</span>
        <code className="one-time__value">{url}</code>
        <CopyButton text={url} what="Webhook URL" />
      </div>
      <div className="one-time__row">
        <span className="one-time__label">Token alone</span>
        <code className="one-time__value">{issued.oneTimeToken}</code>
        <CopyButton text={issued.oneTimeToken} what="Token" />
      </div>
      {issued.publicUrl ? null : (
        <p className="callout callout--warning">
          This URL is the listener’s address on this computer: TradingView cannot reach it. Set your public https address under “Reach it from TradingView”, then paste that address followed by <span className="mono">/webhook/</span> and this token.
        </p>
      )}
      <div className="form-actions form-actions--start">
        <button type="button" className="button button--primary" onClick={onDone}><EyeOff size={16} aria-hidden="true" />I have copied it: hide the token</button>
      </div>
    </section>
  );
}
