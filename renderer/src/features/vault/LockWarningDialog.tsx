/**
 * Before a lock by hand while the listener serves an enabled source (issue 19): says that alerts will
 * be refused, and offers the per-vault choice "keep the vault unlocked while the listener is on" with
 * its consequence spelled out (the core's wording, confirmed like a LAN address).
 */
import { Lock } from 'lucide-react';
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { KEEP_UNLOCKED_CONSEQUENCE, lockRefusesAlertsWarning } from '../../../../electron/shared/alerts-refused';
import { useAppStores } from '../../stores/store-hooks';
import { useListenerWatch } from './listener-watch-store';

export function LockWarningDialog({ onLock, onClose }: { readonly onLock: () => void; readonly onClose: () => void }) {
  const { listenerWatch } = useAppStores();
  const watch = useListenerWatch((state) => state.watch);
  const [error, setError] = useState<string | null>(null);
  const [understood, setUnderstood] = useState(false);

  async function keepUnlocked() {
    const result = await listenerWatch.getState().setKeepUnlocked({ on: true, understood: true });
    if (!result.ok) return setError(result.error.message);
    onClose();
  }

  return (
    <Dialog title="Lock the vault? Alerts will be refused" tone="danger" onClose={onClose}>
      <div className="stack" data-lock-warning="shown">
        <p>{lockRefusesAlertsWarning(watch?.enabledSources ?? 1)}</p>
        {watch?.keepUnlockedWhileListening ? null : (
          <div className="callout callout--info stack">
            <p><strong>On a computer you trust</strong>, you can keep the vault unlocked while the listener is on instead. {KEEP_UNLOCKED_CONSEQUENCE}</p>
            <label className="checkbox">
              <input type="checkbox" checked={understood} onChange={(event) => setUnderstood(event.currentTarget.checked)} /> I understand
            </label>
            <div className="form-actions form-actions--start">
              <button type="button" className="button button--secondary" disabled={!understood} onClick={() => void keepUnlocked()}>Keep unlocked while the listener is on</button>
            </div>
          </div>
        )}
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={onClose}>Cancel</button>
          <button type="button" className="button button--danger" onClick={onLock}><Lock size={16} aria-hidden="true" />Lock and refuse alerts</button>
        </div>
      </div>
    </Dialog>
  );
}
