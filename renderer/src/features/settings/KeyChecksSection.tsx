/**
 * How often keys are re-verified while the vault is unlocked, and after how many days a key is
 * flagged for rotation. 0 turns either off.
 */
import { Save } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useAppStores, useCredentials } from '../../stores/store-hooks';
import { SettingsSection } from './SettingsSection';
import { MAX_ROTATION_REMINDER_DAYS as MAX_DAYS, MAX_VERIFY_INTERVAL_HOURS as MAX_HOURS } from '../../../../electron/shared/setting-ranges';

export function KeyChecksSection() {
  const settings = useCredentials((state) => state.settings);
  const settingsError = useCredentials((state) => state.settingsError);
  const { credentials, toasts } = useAppStores();

  useEffect(() => {
    void credentials.getState().loadSettings();
  }, [credentials]);

  return (
    <SettingsSection title="Key checks" description="Every key is re-checked with its exchange on a schedule while the vault is unlocked, and flagged when due for rotation. A key that starts failing is marked and recorded.">
      {settingsError ? <div className="callout callout--danger" role="alert">{settingsError.message}</div> : null}
      {settings === null ? (settingsError ? null : <p className="muted">Loading…</p>) : (
        <KeyChecksForm key={`${settings.verifyIntervalHours}-${settings.rotationReminderDays}`} hours={settings.verifyIntervalHours} days={settings.rotationReminderDays} onSave={async (changes) => {
          const result = await credentials.getState().saveSettings(changes);
          if (!result.ok) return result.error;
          const { verifyIntervalHours: h, rotationReminderDays: d } = result.value;
          toasts.getState().show('success', `Saved: ${h === 0 ? 'scheduled checks are off' : `keys are checked every ${h} hour${h === 1 ? '' : 's'}`}, ${d === 0 ? 'rotation reminders are off' : `rotation is due after ${d} day${d === 1 ? '' : 's'}`}.`);
          return null;
        }} />
      )}
    </SettingsSection>
  );
}

interface KeyChecksFormProps {
  readonly hours: number;
  readonly days: number;
  readonly onSave: (changes: { verifyIntervalHours: number; rotationReminderDays: number }) => Promise<{ readonly message: string; readonly details?: Readonly<Record<string, unknown>> | undefined } | null>;
}

function KeyChecksForm({ hours, days, onSave }: KeyChecksFormProps) {
  const [hoursText, setHoursText] = useState(String(hours));
  const [daysText, setDaysText] = useState(String(days));
  const [hoursError, setHoursError] = useState<string | null>(null);
  const [daysError, setDaysError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const h = Number(hoursText);
    const d = Number(daysText);
    const badHours = hoursText.trim() === '' || !Number.isInteger(h) || h < 0 || h > MAX_HOURS;
    const badDays = daysText.trim() === '' || !Number.isInteger(d) || d < 0 || d > MAX_DAYS;
    setHoursError(badHours ? `Enter whole hours from 0 (off) to ${MAX_HOURS} (30 days).` : null);
    setDaysError(badDays ? `Enter whole days from 0 (off) to ${MAX_DAYS}.` : null);
    setFormError(null);
    if (badHours || badDays) return;
    setBusy(true);
    const error = await onSave({ verifyIntervalHours: h, rotationReminderDays: d });
    setBusy(false);
    if (error) setFormError(error.message);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label="Key checks">
      <div className="inline-form inline-form--compact">
        <Field label="Re-verify every (hours)" error={hoursError} hint="0 turns scheduled checks off.">
          {(control) => <input {...control} className="input input--narrow" type="number" inputMode="numeric" min={0} max={MAX_HOURS} step={1} value={hoursText} onChange={(event) => { setHoursText(event.currentTarget.value); setHoursError(null); }} />}
        </Field>
        <Field label="Rotation reminder (days)" error={daysError} hint="Keys older than this are flagged. 0 turns it off.">
          {(control) => <input {...control} className="input input--narrow" type="number" inputMode="numeric" min={0} max={MAX_DAYS} step={1} value={daysText} onChange={(event) => { setDaysText(event.currentTarget.value); setDaysError(null); }} />}
        </Field>
      </div>
      <FormError message={formError} />
      <div>
        <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}><Save size={16} aria-hidden="true" />{busy ? 'Saving…' : 'Save key checks'}</button>
      </div>
    </form>
  );
}
