/** The unlocked app: menu on the left, the open page on the right. Loads what every page needs. */
import { useEffect } from 'react';
import { useAppStores, useNavigation } from '../stores/store-hooks';
import { pages } from './navigation';
import { Sidebar } from './Sidebar';
import { IntegrityBanner } from './IntegrityBanner';
import { ReleaseApprovalPrompt } from './ReleaseApprovalDialog';

export function AppShell() {
  const { credentials, exchanges, aiProviders, trading, integrity, releaseApprovals } = useAppStores();
  const view = useNavigation((state) => state.view);
  const keyId = useNavigation((state) => state.keyId);
  const Page = pages[view];

  // The shell mounts on every unlock: the credential list was dropped when the vault locked.
  useEffect(() => {
    void credentials.getState().refresh();
    void exchanges.getState().load();
    void aiProviders.getState().load();
    void trading.getState().loadPause();
    void integrity.getState().load();
    // A program may have asked before this window opened (the question is what opened it).
    void releaseApprovals.getState().load();
  }, [credentials, exchanges, aiProviders, trading, integrity, releaseApprovals]);

  return (
    <div className="shell">
      <Sidebar />
      <main className="shell__main">
        <IntegrityBanner />
        <ReleaseApprovalPrompt />
        <div className="shell__content">
          {/* Keyed by page (and key): opening another page starts it fresh, with focus on its title. */}
          <Page key={view === 'key' || view === 'ai-key' ? `key-${keyId ?? ''}` : view} />
        </div>
      </main>
    </div>
  );
}
