/**
 * Every stored exchange key, with checking (one or all), editing and deletion. Adding a key and a
 * key's details (history, rotation, revocation) open their own pages; AI keys have a page of their own.
 */
import { useShallow } from 'zustand/react/shallow';
import { PageHeader } from '../../components/PageHeader';
import { useCredentials, useNavigation } from '../../stores/store-hooks';
import { CredentialList } from './CredentialList';
import { VerifyAllPanel } from './VerifyAllPanel';

export function AccountsPage() {
  const go = useNavigation((state) => state.go);
  const items = useCredentials(useShallow((state) => state.items.filter((item) => item.kind === 'exchange')));
  const { loaded, loadError } = useCredentials(useShallow((state) => ({ loaded: state.loaded, loadError: state.loadError })));
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
      <CredentialList items={items} />
    </>
  );
}
