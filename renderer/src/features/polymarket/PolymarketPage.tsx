/**
 * The Polymarket accounts (issue 18): each one's signing wallet (by its address, never the key), its
 * status and what its last check found, with what to do when the funder cannot trade yet. Each opens
 * its own page (market look-up, orders, positions, rotation, export); "Connect an account" adds one.
 */
import { Plus } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PageHeader } from '../../components/PageHeader';
import { selectCredentialById } from '../../stores/credentials-store';
import { useAppStores, useCredentials, useNavigation } from '../../stores/store-hooks';
import { DeleteCredentialDialog } from '../accounts/DeleteCredentialDialog';
import { EditCredentialDialog } from '../accounts/EditCredentialDialog';
import { PolymarketAccountCard } from './PolymarketAccountCard';
import './polymarket.css';

export function PolymarketPage() {
  const go = useNavigation((state) => state.go);
  const items = useCredentials(useShallow((state) => state.items.filter((item) => item.kind === 'polymarket')));
  const { loaded, loadError } = useCredentials(useShallow((state) => ({ loaded: state.loaded, loadError: state.loadError })));
  const { credentials } = useAppStores();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  const editing = useCredentials(selectCredentialById(editingId));
  const deleting = useCredentials(selectCredentialById(deletingId));
  const ids = items.map((item) => `${item.id}:${item.lastVerifiedAt ?? 0}`).join(',');

  // Each card shows its last stored check: the histories hold them.
  useEffect(() => {
    for (const item of credentials.getState().items) {
      if (item.kind === 'polymarket') void credentials.getState().loadHistory(item.id);
    }
  }, [credentials, ids]);

  return (
    <>
      <PageHeader
        title="Polymarket"
        description="Your Polymarket accounts: the wallet that signs orders, stored encrypted, and the funder that holds your pUSD. Orders go through the same risk limits as your exchange accounts, in US dollars."
        actions={items.length > 0 ? <button type="button" className="button button--primary" onClick={() => go('add-polymarket')}><Plus size={16} aria-hidden="true" />Connect an account</button> : null}
      />
      {loadError ? <div className="callout callout--danger" role="alert">{loadError.message}</div> : null}
      {!loaded && !loadError ? <p className="muted" role="status">Loading your accounts…</p> : null}
      {loaded && items.length === 0 ? (
        <section className="empty-state" aria-labelledby="no-polymarket-title">
          <h2 className="empty-state__title" id="no-polymarket-title">No Polymarket account yet</h2>
          <p className="empty-state__text">
            Connect the account with the private key of the wallet that signs its orders. Keywarden derives the API credentials from the key, checks that it can sign for your funder, and shows your pUSD.
          </p>
          <button type="button" className="button button--primary" onClick={() => go('add-polymarket')}><Plus size={16} aria-hidden="true" />Connect an account</button>
        </section>
      ) : null}
      {items.length > 0 ? (
        <div className="credential-list">
          {items.map((credential) => <PolymarketAccountCard key={credential.id} credential={credential} onEdit={setEditingId} onDelete={setDeletingId} />)}
        </div>
      ) : null}
      {editing ? <EditCredentialDialog credential={editing} onClose={() => setEditingId(null)} /> : null}
      {deleting ? <DeleteCredentialDialog credential={deleting} onClose={() => setDeletingId(null)} /> : null}
    </>
  );
}
