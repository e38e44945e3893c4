/**
 * The app's menu, the kill switch (pause / resume trading) and the vault's state with a "Lock now"
 * button: the two safety controls are always in reach, whatever page is open.
 */
import { Lock } from 'lucide-react';
import { useEffect, useState } from 'react';
import { BrandMark } from '../components/BrandMark';
import { ALERTS_REFUSED_WHILE_LOCKED } from '../../../electron/shared/alerts-refused';
import { LockWarningDialog } from '../features/vault/LockWarningDialog';
import { useListenerWatch } from '../features/vault/listener-watch-store';
import { useAppStores, useNavigation, useVault, useWebhook } from '../stores/store-hooks';
import { TradingSwitch } from '../features/trading/TradingSwitch';
import { navigationItems } from './navigation';

export function Sidebar() {
  const view = useNavigation((state) => state.view);
  const go = useNavigation((state) => state.go);
  const autoLockMinutes = useVault((state) => state.status?.autoLockMinutes ?? 0);
  const lock = useVault((state) => state.lock);
  const { toasts, listenerWatch } = useAppStores();
  const watch = useListenerWatch((state) => state.watch);
  const [warning, setWarning] = useState(false);
  const enabledSources = useWebhook((state) => state.sources.filter((source) => source.enabled).length);
  const listenerRunning = useWebhook((state) => state.status?.running ?? false);
  // Never a silent refusal (issue 19): whether a lock now would refuse alerts, again when the webhook changes.
  useEffect(() => {
    void listenerWatch.getState().refresh();
  }, [listenerWatch, view, enabledSources, listenerRunning]);
  const lockRefuses = watch?.lockRefusesAlerts === true;
  const keptUnlocked = lockRefuses && watch.keepUnlockedWhileListening;

  async function lockNow() {
    setWarning(false);
    const result = await lock();
    if (!result.ok) toasts.getState().show('error', result.error.message);
  }

  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <BrandMark />
        <span className="sidebar__brand-name">Keywarden</span>
      </div>
      <nav className="sidebar__nav" aria-label="Main">
        <ul className="sidebar__list">
          {navigationItems.map((item) => {
            const current = item.view === view || (item.also?.includes(view) ?? false);
            return (
              <li key={item.view}>
                <button type="button" className="sidebar__link" aria-current={current ? 'page' : undefined} onClick={() => go(item.view)}>
                  <item.icon className="sidebar__icon" size={16} aria-hidden="true" />
                  {item.label}
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <TradingSwitch />
      <div className="inset-box">
        <p className="sidebar__vault-state">
          <span className="status-dot status-dot--ok" aria-hidden="true" />
          Vault unlocked
        </p>
        <p className="sidebar__vault-detail">
          {keptUnlocked ? 'Stays unlocked while the listener is on' : autoLockMinutes > 0 ? `Locks after ${autoLockMinutes} idle min` : 'Auto-lock is off'}
        </p>
        {lockRefuses && !keptUnlocked ? (
          <p className="sidebar__vault-detail" data-alerts-refused-notice="sidebar">
            ⚠ {ALERTS_REFUSED_WHILE_LOCKED}
          </p>
        ) : null}
        <button type="button" className="button button--secondary button--block" onClick={() => (lockRefuses ? setWarning(true) : void lockNow())}>
          <Lock size={16} aria-hidden="true" />
          Lock now
        </button>
      </div>
      {warning ? <LockWarningDialog onLock={() => void lockNow()} onClose={() => setWarning(false)} /> : null}
    </aside>
  );
}
