/** The unlocked app: menu on the left, the open page on the right. Loads what every page needs. */
import { useEffect } from 'react';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { AddKeyPage } from '../features/accounts/AddKeyPage';
import { AuditPage } from '../features/audit/AuditPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import type { View } from '../stores/navigation-store';
import { useAppStores, useNavigation } from '../stores/store-hooks';
import { Sidebar } from './Sidebar';

export function AppShell() {
  const { credentials, exchanges } = useAppStores();
  const view = useNavigation((state) => state.view);

  // The shell mounts on every unlock: the credential list was dropped when the vault locked.
  useEffect(() => {
    void credentials.getState().refresh();
    void exchanges.getState().load();
  }, [credentials, exchanges]);

  return (
    <div className="shell">
      <Sidebar />
      <main className="shell__main">
        <div className="shell__content">
          <Page view={view} />
        </div>
      </main>
    </div>
  );
}

function Page({ view }: { readonly view: View }) {
  switch (view) {
    case 'accounts': return <AccountsPage />;
    case 'add-key': return <AddKeyPage />;
    case 'audit': return <AuditPage />;
    case 'settings': return <SettingsPage />;
  }
}
