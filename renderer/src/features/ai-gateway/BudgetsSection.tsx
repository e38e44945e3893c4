/**
 * Each AI key's monthly budget (US dollars) and calls-per-minute cap in the gateway, with this
 * month's spend (gateway.budgets.*). Amounts are read by the shared number rule as typed, so the
 * form refuses what the core would, with the same message; empty means no limit.
 */
import { Save } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Section } from '../../components/Section';
import { readAsNote } from '../../format/typed-number';
import type { KeyBudgetLine } from '../../api/contract-types';
import { useAppStores, useGateway } from '../../stores/store-hooks';
import { useProviderName } from '../accounts/use-provider-name';
import { limitText, readCallsPerMinute, readMonthlyBudget, spendText } from './gateway-presentation';

export function BudgetsSection() {
  const budgets = useGateway((state) => state.budgets);
  if (budgets === null || budgets.length === 0) return null;
  return (
    <Section
      title="Budgets"
      description="What each key may spend through the AI gateway in a calendar month (UTC), priced from the gateway’s table, and how many calls it may make a minute. Over either, calls are refused. Empty: no limit."
    >
      <div className="stack gateway-budgets">
        {/* Keyed by the saved values, so a saved or reloaded limit resets what the form shows. */}
        {budgets.map((line) => <BudgetForm key={`${line.credentialId}:${line.monthlyUsd}:${line.requestsPerMinute}`} line={line} />)}
      </div>
    </Section>
  );
}

function BudgetForm({ line }: { readonly line: KeyBudgetLine }) {
  const { gateway, toasts } = useAppStores();
  const providerName = useProviderName(line.provider);
  const [monthly, setMonthly] = useState(limitText(line.monthlyUsd));
  const [rpm, setRpm] = useState(limitText(line.requestsPerMinute));
  const [errors, setErrors] = useState<{ monthly?: string; rpm?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const monthlyRead = readMonthlyBudget(monthly);
    const rpmRead = readCallsPerMinute(rpm);
    setErrors({ ...(monthlyRead.ok ? {} : { monthly: monthlyRead.message }), ...(rpmRead.ok ? {} : { rpm: rpmRead.message }) });
    setFormError(null);
    if (!monthlyRead.ok || !rpmRead.ok) return;
    setBusy(true);
    const result = await gateway.getState().setBudget({ ref: line.credentialId, monthlyUsd: monthlyRead.value, requestsPerMinute: rpmRead.value });
    setBusy(false);
    if (!result.ok) return setFormError(result.error.message);
    toasts.getState().show('success', `Saved the limits of “${line.label}”.`);
  }

  return (
    <form className="stack" aria-label={`Budget of ${line.label}`} onSubmit={(event) => void submit(event)} noValidate>
      <div>
        <strong>{line.label}</strong> <span className="muted">· {providerName}</span>
        <div className="small">This month: {spendText(line)}</div>
      </div>
      <div className="inline-form">
        <Field label="Monthly budget (USD)" error={errors.monthly} hint={readAsNote(monthly) ?? 'Such as 20. Empty: no budget.'}>
          {(control) => <input {...control} className="input input--mono" type="text" inputMode="decimal" autoComplete="off" placeholder="No budget" value={monthly} onChange={(event) => { setMonthly(event.currentTarget.value); setErrors((current) => ({ ...current, monthly: undefined })); }} />}
        </Field>
        <Field label="Calls per minute" error={errors.rpm} hint="Such as 60. Empty: no cap.">
          {(control) => <input {...control} className="input input--mono" type="text" inputMode="numeric" autoComplete="off" placeholder="No cap" value={rpm} onChange={(event) => { setRpm(event.currentTarget.value); setErrors((current) => ({ ...current, rpm: undefined })); }} />}
        </Field>
        <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}><Save size={16} aria-hidden="true" />{busy ? 'Saving…' : 'Save limits'}</button>
      </div>
      <FormError message={formError} />
    </form>
  );
}
