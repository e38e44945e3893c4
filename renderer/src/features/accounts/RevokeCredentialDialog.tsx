/**
 * Revoking a key, after a confirmation that names it and says it cannot be undone. Unlike deleting,
 * the record and its history stay; like deleting, the key still works on the exchange until it is
 * deleted there.
 */
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import type { CredentialInfo } from '../../api/contract-types';
import { selectExchangeName } from '../../stores/exchanges-store';
import { useAppStores, useCredentials, useExchanges } from '../../stores/store-hooks';

export function RevokeCredentialDialog({ credential, onClose }: { readonly credential: CredentialInfo; readonly onClose: () => void }) {
  const revoke = useCredentials((state) => state.revoke);
  const exchangeName = useExchanges(selectExchangeName(credential.provider));
  const toasts = useAppStores().toasts;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await revoke(credential.id);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toasts.getState().show('success', `Revoked “${result.value.label}”. Its secret is destroyed; nothing can use it again.`);
    onClose();
  }

  return (
    <Dialog title={`Revoke “${credential.label}”?`} onClose={onClose} tone="danger">
      <div className="stack">
        <p>
          This destroys the secret of <strong>{credential.label}</strong> ({exchangeName}, {credential.environment}, key <span className="mono">{credential.preview}</span>, fingerprint <span className="mono">{credential.fingerprint}</span>) and stops every use of it: orders, alerts and checks. <strong>It cannot be undone.</strong>
        </p>
        <p className="muted">
          The record, its verification history and the audit log stay. The key itself still works on {exchangeName} until you delete it there: do that too.
        </p>
        <FormError message={error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>Cancel</button>
          <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
            {busy ? 'Revoking…' : `Revoke “${credential.label}”`}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
