/**
 * Deleting a key, after a confirmation that names it. Says what deletion does and does not do: the
 * secret is destroyed here, but the key still works on the exchange until it is deleted there.
 */
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import type { CredentialInfo } from '../../api/contract-types';
import { selectExchangeName } from '../../stores/exchanges-store';
import { useAppStores, useCredentials, useExchanges } from '../../stores/store-hooks';

export function DeleteCredentialDialog({ credential, onClose }: { readonly credential: CredentialInfo; readonly onClose: () => void }) {
  const remove = useCredentials((state) => state.remove);
  const exchangeName = useExchanges(selectExchangeName(credential.provider));
  const toasts = useAppStores().toasts;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await remove(credential.id);
    setBusy(false);
    if (result.ok) {
      toasts.getState().show('success', `Deleted “${result.value.label}”. Its secret is destroyed.`);
      onClose();
    } else {
      setError(result.error.message);
    }
  }

  return (
    <Dialog title={`Delete “${credential.label}”?`} onClose={onClose} tone="danger">
      <div className="stack">
        <p>
          This destroys the encrypted API key and secret of <strong>{credential.label}</strong> ({exchangeName}, {credential.environment}, <span className="mono">{credential.preview}</span>). It cannot be undone.
        </p>
        <p className="muted">
          The key itself still works on {exchangeName} until you delete it there. The audit log keeps a record of this deletion.
        </p>
        <FormError message={error} />
        <div className="dialog__actions">
          {/* Cancel comes first and takes focus: the safe choice is the default one. */}
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>Cancel</button>
          <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
            {busy ? 'Deleting…' : `Delete “${credential.label}”`}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
