/**
 * Deleting a key, after a confirmation that names it and lists the orders placed with it that may
 * still be open (canceled first, unless the person leaves them). Says what deletion does and does
 * not do: the secret is destroyed here, but the key still works on the exchange until it is deleted
 * there; and a key that placed orders keeps its record, revoked, because the limits count them.
 */
import type { CredentialInfo } from '../../api/contract-types';
import { useCredentials } from '../../stores/store-hooks';
import { AiKeyRevokeNote } from '../ai-keys/AiKeyRevokeNote';
import { DestroyCredentialDialog } from './DestroyCredentialDialog';

export function DeleteCredentialDialog({ credential, onClose }: { readonly credential: CredentialInfo; readonly onClose: () => void }) {
  const remove = useCredentials((state) => state.remove);
  return (
    <DestroyCredentialDialog
      credential={credential}
      onClose={onClose}
      verb="Delete"
      pastTense="deleted"
      busyLabel="Deleting…"
      run={remove}
      successMessage={({ label, recordKept }) => recordKept
        ? `Destroyed the secret of “${label}”. Its record stays, revoked, because orders were placed with it.`
        : `Deleted “${label}”. Its secret is destroyed.`}
      possible={(openOrders) => openOrders.deletion !== 'refused'}
      explanation={(exchangeName, openOrders) => credential.kind === 'ai' ? (
        <>
          <p>
            This destroys the key of <strong>{credential.label}</strong> ({exchangeName}) and its record. It cannot be undone. The audit log keeps a record of this deletion.
          </p>
          <AiKeyRevokeNote provider={credential.provider} providerName={exchangeName} />
        </>
      ) : (
        <>
          <p>
            This destroys the encrypted API key and secret of <strong>{credential.label}</strong> ({exchangeName}, {credential.environment}, <span className="mono">{credential.preview}</span>). It cannot be undone.
          </p>
          {openOrders?.deletion === 'keeps-record' ? (
            <p className="callout callout--info">Orders were placed with this key, so its record stays, marked revoked: your daily limits and the order history count those orders.</p>
          ) : null}
          {openOrders?.deletion === 'refused' ? (
            <p className="callout callout--warning">This record cannot be deleted: orders were placed with this key, and your daily limits and the order history count them. Its secret is already destroyed.</p>
          ) : null}
          <p className="muted">
            Deleting destroys Keywarden’s copy of the key only: the key itself still works on {exchangeName} until you delete it there, on {exchangeName}’s API management page. The audit log keeps a record of this deletion.
          </p>
        </>
      )}
    />
  );
}
