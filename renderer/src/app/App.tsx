/**
 * The top of the renderer: asks the core for the vault's state, shows the screen that state calls
 * for, and mirrors it on <html data-app-state>, which tests (and styles) wait on.
 */
import { RefreshCw } from 'lucide-react';
import { useEffect } from 'react';
import { ToastRegion } from '../components/ToastRegion';
import { FirstRunScreen } from '../features/vault/FirstRunScreen';
import { UnlockScreen } from '../features/vault/UnlockScreen';
import { WelcomeLayout } from '../features/vault/WelcomeLayout';
import { selectAppState } from '../stores/vault-store';
import { useVault } from '../stores/store-hooks';
import { AppShell } from './AppShell';

export function App() {
  const appState = useVault(selectAppState);
  const status = useVault((state) => state.status);
  const loadError = useVault((state) => state.loadError);
  const refresh = useVault((state) => state.refresh);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    document.documentElement.dataset['appState'] = appState;
  }, [appState]);

  return (
    <>
      {/* First: a bar above every screen, in the flow (see ToastRegion). */}
      <ToastRegion />
      {status === null ? <StartingScreen error={loadError?.message ?? null} onRetry={() => void refresh()} /> : null}
      {status !== null && appState === 'first-run' ? <FirstRunScreen status={status} /> : null}
      {status !== null && appState === 'locked' ? <UnlockScreen status={status} /> : null}
      {appState === 'ready' ? <AppShell /> : null}
    </>
  );
}

function StartingScreen({ error, onRetry }: { readonly error: string | null; readonly onRetry: () => void }) {
  if (error === null) return <WelcomeLayout title="Opening your vault…" />;
  return (
    <WelcomeLayout title="Keywarden cannot open its data">
      <div className="callout callout--danger" role="alert">{error}</div>
      <button type="button" className="button button--secondary" onClick={onRetry}><RefreshCw size={16} aria-hidden="true" />Try again</button>
    </WelcomeLayout>
  );
}
