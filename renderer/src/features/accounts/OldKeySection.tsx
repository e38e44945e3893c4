/**
 * After a rotation: the old key is kept sealed for a day so Keywarden can confirm it stopped working
 * once the user deleted it on the exchange. The steps, the check (a key that STILL WORKS is a
 * warning, not a success), and discarding the old key without checking.
 */
import { useState } from 'react';
import type { CredentialInfo } from '../../api/contract-types';
import { formatDateTime } from '../../format/dates';
import { useAppStores, useCredentials } from '../../stores/store-hooks';
import { useProviderName } from './use-provider-name';

export function OldKeySection({ credential }: { readonly credential: CredentialInfo }) {
  const exchangeName = useProviderName(credential.provider);
  const rotation = useCredentials((state) => state.rotations[credential.id]);
  const check = useCredentials((state) => state.oldKeyChecks[credential.id]);
  const checkOldKey = useCredentials((state) => state.checkOldKey);
  const discardOldKey = useCredentials((state) => state.discardOldKey);
  const toasts = useAppStores().toasts;
  const [busy, setBusy] = useState<'check' | 'discard' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kept = credential.retiredKeyExpiresAt !== null;

  async function runCheck() {
    setBusy('check');
    setError(null);
    const result = await checkOldKey(credential.id);
    setBusy(null);
    if (!result.ok) setError(result.error.message);
  }

  async function discard() {
    setBusy('discard');
    setError(null);
    const result = await discardOldKey(credential.id);
    setBusy(null);
    if (result.ok) toasts.getState().show('success', `Keywarden destroyed its copy of the old key of “${result.value.label}”. Make sure it is deleted on ${exchangeName} too.`);
    else setError(result.error.message);
  }

  return (
    <div className="stack">
      {rotation ? (
        <div className="callout callout--success" role="status">
          <p className="callout__title">“{credential.label}” now uses the new key.</p>
          <p>{rotation.verification ? `Checked with ${exchangeName} before the swap: ${rotation.verification.message}` : 'It was stored without a check: verify it as soon as the exchange can be reached.'} The old key’s fingerprint was <span className="mono">{rotation.oldFingerprint}</span>.</p>
        </div>
      ) : null}
      {kept ? (
          <ol className="steps">
            <li className="steps__item">
              <span className="steps__title">Delete the old key on {exchangeName}</span>
              <span className="steps__text">In {exchangeName}’s API settings, delete the key {credential.kind === 'ai' ? 'it replaced' : 'this account used before'}{rotation ? <> (fingerprint <span className="mono">{rotation.oldFingerprint}</span>)</> : null}. Until you do, it still works for whoever holds a copy.</span>
            </li>
            <li className="steps__item">
              <span className="steps__title">Check that it stopped working</span>
              <span className="steps__text">Keywarden tries the old key once. Its sealed copy is kept until {formatDateTime(credential.retiredKeyExpiresAt ?? 0)} for this, then destroyed anyway.</span>
              <span className="steps__actions">
                <button type="button" className="button button--secondary button--small" onClick={() => void runCheck()} disabled={busy !== null} aria-busy={busy === 'check'}>
                  {busy === 'check' ? 'Checking…' : 'Check that the old key stopped working'}
                </button>
                <button type="button" className="button button--quiet button--small" onClick={() => void discard()} disabled={busy !== null} aria-busy={busy === 'discard'}>
                  {busy === 'discard' ? 'Discarding…' : 'Discard old key without checking'}
                </button>
              </span>
            </li>
          </ol>
      ) : null}
      <div role="status">
        {check && !check.oldKeyWorks ? <div className="callout callout--success"><p className="callout__title">The old key is dead.</p><p>{check.message}</p></div> : null}
        {check?.oldKeyWorks ? (
          <div className="callout callout--warning">
            <p className="callout__title">The old key still works</p>
            <p>{check.message}</p>
          </div>
        ) : null}
      </div>
      {error ? <div className="callout callout--danger" role="alert">{error}</div> : null}
    </div>
  );
}
