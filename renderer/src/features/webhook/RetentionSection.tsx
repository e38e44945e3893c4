/**
 * How long the alert log keeps what came in (issue 22): alerts handed to trading (their orders stay
 * for good either way) and refused requests. Checked by the core before it is saved.
 */
import { Save } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { Section } from '../../components/Section';
import { useAppStores, useWebhook } from '../../stores/store-hooks';

export function RetentionSection() {
  const settings = useWebhook((state) => state.settings);
  if (settings === null) return null;
  return (
    <Section title="Keeping the alert log" description="Old entries of the alert log are deleted once a day and the space is given back. Orders themselves are always kept.">
      <RetentionForm key={`${settings.keepAcceptedDays}/${settings.keepRefusedDays}`} accepted={settings.keepAcceptedDays} refused={settings.keepRefusedDays} />
    </Section>
  );
}

function RetentionForm({ accepted, refused }: { readonly accepted: number; readonly refused: number }) {
  const { webhook, toasts } = useAppStores();
  const [values, setValues] = useState({ accepted: String(accepted), refused: String(refused) });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const keepAcceptedDays = Number(values.accepted.trim());
    const keepRefusedDays = Number(values.refused.trim());
    const valid = (days: number) => Number.isInteger(days) && days >= 1 && days <= 3650;
    if (!valid(keepAcceptedDays) || !valid(keepRefusedDays)) return setError('Enter whole days from 1 to 3650.');
    setBusy(true);
    const result = await webhook.getState().saveSettings({ keepAcceptedDays, keepRefusedDays });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toasts.getState().show('success', `Accepted alerts are kept ${keepAcceptedDays} days, refused requests ${keepRefusedDays} days.`);
  }

  return (
    <form className="inline-form inline-form--compact" aria-label="Alert log retention" onSubmit={submit} noValidate>
      <Field label="Accepted alerts (days)" error={error}>
        {(control) => <input {...control} className="input input--narrow" type="number" inputMode="numeric" min={1} max={3650} step={1} value={values.accepted} onChange={(event) => { setValues({ ...values, accepted: event.currentTarget.value }); setError(null); }} />}
      </Field>
      <Field label="Refused requests (days)">
        {(control) => <input {...control} className="input input--narrow" type="number" inputMode="numeric" min={1} max={3650} step={1} value={values.refused} onChange={(event) => { setValues({ ...values, refused: event.currentTarget.value }); setError(null); }} />}
      </Field>
      <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}><Save size={16} aria-hidden="true" />{busy ? 'Saving…' : 'Save'}</button>
    </form>
  );
}
