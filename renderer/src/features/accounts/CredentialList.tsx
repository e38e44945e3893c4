/** A list of key cards, with the edit and delete dialogs their buttons open (Accounts, AI keys). */
import { useState } from 'react';
import type { CredentialInfo } from '../../api/contract-types';
import { selectCredentialById } from '../../stores/credentials-store';
import { useCredentials } from '../../stores/store-hooks';
import { CredentialCard } from './CredentialCard';
import { DeleteCredentialDialog } from './DeleteCredentialDialog';
import { EditCredentialDialog } from './EditCredentialDialog';

export function CredentialList({ items }: { readonly items: readonly CredentialInfo[] }) {
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  const editing = useCredentials(selectCredentialById(editingId));
  const deleting = useCredentials(selectCredentialById(deletingId));
  return (
    <>
      {items.length > 0 ? (
        <div className="credential-list">
          {items.map((credential) => (
            <CredentialCard key={credential.id} credential={credential} onEdit={setEditingId} onDelete={setDeletingId} />
          ))}
        </div>
      ) : null}
      {editing ? <EditCredentialDialog credential={editing} onClose={() => setEditingId(null)} /> : null}
      {deleting ? <DeleteCredentialDialog credential={deleting} onClose={() => setDeletingId(null)} /> : null}
    </>
  );
}
