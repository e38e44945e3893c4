/**
 * Every stored key, with checking (one or all), editing and deletion. Adding a key and a key's
 * details (history, rotation, revocation) open their own pages.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PageHeader } from '../../components/PageHeader';
import { selectCredentialById } from '../../stores/credentials-store';
import { useCredentials, useNavigation } from '../../stores/store-hooks';
import { CredentialCard } from './CredentialCard';
import { DeleteCredentialDialog } from './DeleteCredentialDialog';
import { EditCredentialDialog } from './EditCredentialDialog';
import { VerifyAllPanel } from './VerifyAllPanel';

export function AccountsPage() {
  const go = useNavigation((state) => state.go);
  const { items, loaded, loadError } = useCredentials(useShallow((state) => ({ items: state.items, loaded: state.loaded, loadError: state.loadError })));
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  const editing = useCredentials(selectCredentialById(editingId));
  const deleting = useCredentials(selectCredentialById(deletingId));
  const verifyingAll = useCredentials((state) => state.verifyAllRun.state === 'running');
  const startVerifyAll = useCredentials((state) => state.verifyAll);
  const checkable = items.filter((item) => item.status !== 'revoked').length;

  return (
    <>
      <PageHeader
        title="Accounts"
        description="The exchange API keys in this vault. They are stored encrypted and never shown again: each is listed by a masked preview and a fingerprint."
        actions={items.length > 0 ? (
          <>
            <button type="button" className="button button--secondary" onClick={() => void startVerifyAll()} disabled={verifyingAll || checkable === 0} aria-busy={verifyingAll}>
              {verifyingAll ? 'Verifying…' : 'Verify all'}
            </button>
            <button type="button" className="button button--primary" onClick={() => go('add-key')}>Add key</button>
          </>
        ) : null}
      />
      <VerifyAllPanel />
      {loadError ? <div className="callout callout--danger" role="alert">{loadError.message}</div> : null}
      {!loaded && !loadError ? <p className="muted" role="status">Loading your keys…</p> : null}
      {loaded && items.length === 0 ? (
        <section className="empty-state" aria-labelledby="no-keys-title">
          <h2 className="empty-state__title" id="no-keys-title">No keys yet</h2>
          <p className="empty-state__text">
            Add an API key from your exchange. For trading, give it read and trade permission only, never withdrawals, and restrict it to your IP address.
          </p>
          <button type="button" className="button button--primary" onClick={() => go('add-key')}>Add your first key</button>
        </section>
      ) : null}
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
