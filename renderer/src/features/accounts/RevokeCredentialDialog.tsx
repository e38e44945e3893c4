/**
 * Revoking a key, after a confirmation that names it and says it cannot be undone. Unlike deleting,
 * the record and its history stay; like deleting, the key still works on the exchange until it is
 * deleted there.
 */
import type { CredentialInfo } from '../../api/contract-types';
import { useCredentials } from '../../stores/store-hooks';
import { DestroyCredentialDialog } from './DestroyCredentialDialog';

export function RevokeCredentialDialog({ credential, onClose }: { readonly credential: CredentialInfo; readonly onClose: () => void }) {
  const revoke = useCredentials((state) => state.revoke);
  return (
    <DestroyCredentialDialog
      credential={credential}
      onClose={onClose}
      verb="Revoke"
      busyLabel="Revoking…"
      run={revoke}
      successMessage={(label) => `Revoked “${label}”. Its secret is destroyed; nothing can use it again.`}
      explanation={(exchangeName) => (
        <>
          <p>
            This destroys the secret of <strong>{credential.label}</strong> ({exchangeName}, {credential.environment}, key <span className="mono">{credential.preview}</span>, fingerprint <span className="mono">{credential.fingerprint}</span>) and stops every use of it: orders, alerts and checks. <strong>It cannot be undone.</strong>
          </p>
          <p className="muted">
            The record, its verification history and the audit log stay. The key itself still works on {exchangeName} until you delete it there: do that too.
          </p>
        </>
      )}
    />
  );
}
