/**
 * Revoking a key, after a confirmation that names it, says it cannot be undone and lists the orders
 * placed with it that may still be open (canceled first, unless the person leaves them; an AI key
 * places none). Unlike
 * deleting, the record and its history stay; like deleting, the key still works on the exchange
 * until it is deleted there.
 */
import type { CredentialInfo } from '../../api/contract-types';
import { useCredentials } from '../../stores/store-hooks';
import { AiKeyRevokeNote } from '../ai-keys/AiKeyRevokeNote';
import { DestroyCredentialDialog } from './DestroyCredentialDialog';

export function RevokeCredentialDialog({ credential, onClose }: { readonly credential: CredentialInfo; readonly onClose: () => void }) {
  const revoke = useCredentials((state) => state.revoke);
  return (
    <DestroyCredentialDialog
      credential={credential}
      onClose={onClose}
      verb="Revoke"
      pastTense="revoked"
      busyLabel="Revoking…"
      run={async (id, openOrders) => {
        const result = await revoke(id, openOrders);
        return result.ok ? { ok: true, value: { label: result.value.credential.label, orders: result.value.orders } } : result;
      }}
      successMessage={({ label }) => `Revoked “${label}”. Its secret is destroyed; nothing can use it again.`}
      explanation={(exchangeName) => credential.kind === 'ai' ? (
        <>
          <p>
            This destroys the key of <strong>{credential.label}</strong> ({exchangeName}, fingerprint <span className="mono">{credential.fingerprint}</span>) in this vault and stops every use of it through Keywarden: programs, the AI gateway and checks. <strong>It cannot be undone.</strong>
          </p>
          <AiKeyRevokeNote provider={credential.provider} providerName={exchangeName} />
        </>
      ) : (
        <>
          <p>
            This destroys the secret of <strong>{credential.label}</strong> ({exchangeName}, {credential.environment}, key <span className="mono">{credential.preview}</span>, fingerprint <span className="mono">{credential.fingerprint}</span>) and stops every use of it: orders, alerts and checks. <strong>It cannot be undone.</strong>
          </p>
          <p className="muted">
            The record, its verification history and the audit log stay. Revoking destroys Keywarden’s copy of the key only: the key itself still works on {exchangeName} until you delete it on {exchangeName}’s API management page.
          </p>
        </>
      )}
    />
  );
}
