/**
 * The app's menu, the kill switch (pause / resume trading) and the vault's state with a "Lock now"
 * button: the two safety controls are always in reach, whatever page is open.
 */
import { BrandMark } from '../components/BrandMark';
import { useAppStores, useNavigation, useVault } from '../stores/store-hooks';
import { TradingSwitch } from '../features/trading/TradingSwitch';
import { navigationItems } from './navigation';

export function Sidebar() {
  const view = useNavigation((state) => state.view);
  const go = useNavigation((state) => state.go);
  const autoLockMinutes = useVault((state) => state.status?.autoLockMinutes ?? 0);
  const lock = useVault((state) => state.lock);
  const toasts = useAppStores().toasts;

  async function lockNow() {
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
        <p className="sidebar__vault-detail">{autoLockMinutes > 0 ? `Locks after ${autoLockMinutes} idle min` : 'Auto-lock is off'}</p>
        <button type="button" className="button button--secondary button--block" onClick={() => void lockNow()}>
          Lock now
        </button>
      </div>
    </aside>
  );
}
