/**
 * Deleting a key, after a confirmation that names it. Says what deletion does and does not do: the
 * secret is destroyed here, but the key still works on the exchange until it is deleted there.
 */
import type { CredentialInfo } from '../../api/contract-types';
import { useCredentials } from '../../stores/store-hooks';
import { DestroyCredentialDialog } from './DestroyCredentialDialog';

export function DeleteCredentialDialog({ credential, onClose }: { readonly credential: CredentialInfo; readonly onClose: () => void }) {
  const remove = useCredentials((state) => state.remove);
  return (
    <DestroyCredentialDialog
      credential={credential}
      onClose={onClose}
      verb="Delete"
      busyLabel="Deleting…"
      run={remove}
      successMessage={(label) => `Deleted “${label}”. Its secret is destroyed.`}
      explanation={(exchangeName) => (
        <>
          <p>
            This destroys the encrypted API key and secret of <strong>{credential.label}</strong> ({exchangeName}, {credential.environment}, <span className="mono">{credential.preview}</span>). It cannot be undone.
          </p>
          <p className="muted">
            The key itself still works on {exchangeName} until you delete it there. The audit log keeps a record of this deletion.
          </p>
        </>
      )}
    />
  );
}
