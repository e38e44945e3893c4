/**
 * After a wallet's rotation: its next steps (move the funds left at the old address; Keywarden
 * never moves funds), the old key kept sealed for a day so it can still sign that transfer, a check
 * of what is left in the old wallet, and discarding the old key at once.
 */
import { RefreshCw, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { CredentialInfo } from '../../api/contract-types';
import { formatDateTime } from '../../format/dates';
import { useAppStores, useCredentials } from '../../stores/store-hooks';

export function WalletOldKeySection({ wallet }: { readonly wallet: CredentialInfo }) {
  const rotation = useCredentials((state) => state.rotations[wallet.id]);
  const check = useCredentials((state) => state.oldKeyChecks[wallet.id]);
  const checkOldKey = useCredentials((state) => state.checkOldKey);
  const discardOldKey = useCredentials((state) => state.discardOldKey);
  const toasts = useAppStores().toasts;
  const [busy, setBusy] = useState<'check' | 'discard' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kept = wallet.retiredKeyExpiresAt !== null;

  async function runCheck() {
    setBusy('check');
    setError(null);
    const result = await checkOldKey(wallet.id);
    setBusy(null);
    if (!result.ok) setError(result.error.message);
  }

  async function discard() {
    setBusy('discard');
    setError(null);
    const result = await discardOldKey(wallet.id);
    setBusy(null);
    if (result.ok) toasts.getState().show('success', `Keywarden destroyed its copy of the old key of “${result.value.label}”.`);
    else setError(result.error.message);
  }

  return (
    <div className="stack">
      {rotation ? (
        <div className="callout callout--success" role="status" aria-label="Next steps">
          <p className="callout__title">“{wallet.label}” now uses the new wallet.</p>
          <ol className="steps">
            {rotation.nextSteps.map((step) => <li key={step} className="steps__item"><span className="steps__text">{step}</span></li>)}
          </ol>
        </div>
      ) : null}
      {kept ? (
        <>
          <p className="muted">The old key stays sealed until {formatDateTime(wallet.retiredKeyExpiresAt ?? 0)}, then Keywarden destroys it. Check what is left in the old wallet before then.</p>
          <div className="form-actions form-actions--start">
            <button type="button" className="button button--secondary button--small" onClick={() => void runCheck()} disabled={busy !== null} aria-busy={busy === 'check'}>
              <RefreshCw size={14} aria-hidden="true" />{busy === 'check' ? 'Checking…' : 'Check old wallet'}
            </button>
            <button type="button" className="button button--quiet button--small" onClick={() => void discard()} disabled={busy !== null} aria-busy={busy === 'discard'}>
              <Trash2 size={14} aria-hidden="true" />{busy === 'discard' ? 'Discarding…' : 'Discard old key'}
            </button>
          </div>
        </>
      ) : null}
      <div role="status">
        {check ? <div className={`callout ${check.oldKeyWorks ? 'callout--warning' : 'callout--success'}`}><p>{check.message}</p></div> : null}
      </div>
      {error ? <div className="callout callout--danger" role="alert">{error}</div> : null}
    </div>
  );
}
