/** When the vault locks by itself, and a button to lock it now. */
import { Lock, Save } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { useAppStores, useVault } from '../../stores/store-hooks';
import { SettingsSection } from './SettingsSection';
import { MAX_AUTO_LOCK_MINUTES as MAX_MINUTES } from '../../../../electron/shared/setting-ranges';

export function LockSection() {
  const current = useVault((state) => state.status?.autoLockMinutes ?? 0);
  const setAutoLock = useVault((state) => state.setAutoLock);
  const lock = useVault((state) => state.lock);
  const toasts = useAppStores().toasts;
  const [minutes, setMinutes] = useState(String(current));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = Number(minutes);
    if (minutes.trim() === '' || !Number.isInteger(value) || value < 0 || value > MAX_MINUTES) {
      return setError(`Enter whole minutes from 0 (never) to ${MAX_MINUTES} (a day).`);
    }
    setError(null);
    setBusy(true);
    const result = await setAutoLock(value);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setMinutes(String(value));
    toasts.getState().show('success', value === 0 ? 'Auto-lock is off: the vault stays open until you lock it.' : `The vault now locks after ${value} idle minute${value === 1 ? '' : 's'}.`);
  }

  async function lockNow() {
    const result = await lock();
    if (!result.ok) toasts.getState().show('error', result.error.message);
  }

  return (
    <SettingsSection title="Locking" description="A locked vault forgets its key: nothing can use your keys until it is unlocked again. Idle time is time without any use of your keys.">
      <form className="inline-form inline-form--compact" onSubmit={submit} noValidate>
        <Field label="Lock after this many idle minutes" error={error} hint="0 means never.">
          {(control) => (
            <input {...control} className="input" type="number" inputMode="numeric" min={0} max={MAX_MINUTES} step={1} value={minutes} onChange={(event) => { setMinutes(event.currentTarget.value); setError(null); }} />
          )}
        </Field>
        <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}><Save size={16} aria-hidden="true" />Save</button>
      </form>
      <div className="settings-row">
        <p className="settings-row__text">Lock the vault now, for example before you step away.</p>
        <button type="button" className="button button--secondary" onClick={() => void lockNow()}><Lock size={16} aria-hidden="true" />Lock now</button>
      </div>
    </SettingsSection>
  );
}
