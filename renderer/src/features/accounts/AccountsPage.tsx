/**
 * Every stored exchange key as a list beside the chosen key's detail (issue 21): search, filters and
 * sort over a virtualised list, and the key's card (check, edit, delete) with its full detail
 * (permissions, connection, expiry, programs, rotation, history, revoking) beside it. A summary line
 * counts the keys by state in the glossary's words, never counting a blocked key as working.
 */
import { useEffect, useMemo, useState } from 'react';
import { Plus, RefreshCw } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { PageHeader } from '../../components/PageHeader';
import { selectCredentialById } from '../../stores/credentials-store';
import { useCredentials, useExchanges, useNavigation } from '../../stores/store-hooks';
import { keyStateSummary } from '../../../../electron/shared/key-vocabulary';
import { CredentialCard } from './CredentialCard';
import { DeleteCredentialDialog } from './DeleteCredentialDialog';
import { EditCredentialDialog } from './EditCredentialDialog';
import { KeyDetailSections } from './KeyDetailSections';
import { KeyListPane } from './KeyListPane';
import { allKeys, initialSelection, visibleKeys, type KeyListQuery } from './key-list-model';
import { rememberedSelection, rememberSelection } from './selection-memory';
import { useProviderName } from './use-provider-name';
import { VerifyAllPanel } from './VerifyAllPanel';
import './key-list.css';

export function AccountsPage() {
  const go = useNavigation((state) => state.go);
  const items = useCredentials(useShallow((state) => state.items.filter((item) => item.kind === 'exchange')));
  const { loaded, loadError } = useCredentials(useShallow((state) => ({ loaded: state.loaded, loadError: state.loadError })));
  const verifyingAll = useCredentials((state) => state.verifyAllRun.state === 'running');
  const startVerifyAll = useCredentials((state) => state.verifyAll);
  const catalogue = useExchanges((state) => state.list);
  const checkable = items.filter((item) => item.status !== 'revoked').length;
  const [query, setQuery] = useState<KeyListQuery>(allKeys);
  const [chosen, setChosen] = useState<string | null>(() => initialSelection(items, rememberedSelection()));

  const exchangeName = useMemo(() => {
    const names = new Map((catalogue ?? []).map((exchange) => [exchange.id, exchange.name]));
    return (provider: string) => names.get(provider) ?? provider;
  }, [catalogue]);
  const keys = useMemo(() => visibleKeys(items, query, exchangeName), [items, query, exchangeName]);
  const exchanges = useMemo(() => [...new Set(items.map((item) => item.provider))].map((id) => ({ id, name: exchangeName(id) })).sort((a, b) => a.name.localeCompare(b.name)), [items, exchangeName]);
  // The chosen key, or the first one the list shows when it is filtered out or gone.
  const selectedId = keys.some((key) => key.id === chosen) ? chosen : keys[0]?.id ?? null;

  useEffect(() => {
    rememberSelection(selectedId, Date.now());
  }, [selectedId]);
  // A key added elsewhere while the page is open is seen in the list; a page first shown empty picks it.
  useEffect(() => {
    if (chosen === null && items.length > 0) setChosen(initialSelection(items, rememberedSelection()));
  }, [chosen, items]);

  return (
    <div className="accounts-page">
      <PageHeader
        title="Accounts"
        description={items.length > 0 ? <span className="accounts-page__summary">{keyStateSummary(items)}.</span> : 'The exchange API keys in this vault, stored encrypted and never shown again.'}
        actions={items.length > 0 ? (
          <>
            <button type="button" className="button button--secondary" onClick={() => void startVerifyAll()} disabled={verifyingAll || checkable === 0} aria-busy={verifyingAll}>
              <RefreshCw size={16} aria-hidden="true" />{verifyingAll ? 'Verifying…' : 'Verify all'}
            </button>
            <button type="button" className="button button--primary" onClick={() => go('add-key')}><Plus size={16} aria-hidden="true" />Add key</button>
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
          <button type="button" className="button button--primary" onClick={() => go('add-key')}><Plus size={16} aria-hidden="true" />Add your first key</button>
        </section>
      ) : null}
      {items.length > 0 ? (
        <div className="list-detail">
          <KeyListPane keys={keys} total={items.length} exchanges={exchanges} query={query} onQuery={setQuery} selectedId={selectedId} onSelect={setChosen} exchangeName={exchangeName} />
          <SelectedKey id={selectedId} />
        </div>
      ) : null}
    </div>
  );
}

/** The chosen key: its card (what the last check found, verify, edit, delete) and its detail. */
function SelectedKey({ id }: { readonly id: string | null }) {
  const credential = useCredentials(selectCredentialById(id));
  const providerName = useProviderName(credential?.provider ?? '');
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  const editing = useCredentials(selectCredentialById(editingId));
  const deleting = useCredentials(selectCredentialById(deletingId));
  return (
    <div className="list-detail__detail" aria-label="Chosen key" role="region">
      {credential ? (
        <>
          <CredentialCard credential={credential} onEdit={setEditingId} onDelete={setDeletingId} />
          <KeyDetailSections key={credential.id} credential={credential} providerName={providerName} />
        </>
      ) : <p className="muted">Choose a key in the list to see it here.</p>}
      {editing ? <EditCredentialDialog credential={editing} onClose={() => setEditingId(null)} /> : null}
      {deleting ? <DeleteCredentialDialog credential={deleting} onClose={() => setDeletingId(null)} /> : null}
    </div>
  );
}
