/**
 * The parts every "add a key" form shares, exchange or AI: choosing the provider, the provider
 * chosen, the label, and the end of the form (what the two ways of saving do, the form's error,
 * the buttons). The key's own fields differ by kind and stay with each page.
 */
import { KEY_LABEL_MAX, keyLabelLengthProblem } from '../../../../electron/shared/key-label';
import type { FormEvent, ReactNode } from 'react';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import type { ContractError } from '../../api/contract-types';
import { ExchangeInitial } from './ExchangeInitial';

/** The label's form field name: the core names it in error.details.field. */
export const LABEL_FIELD = 'label';

/** True when the form was sent with "Test and save" (or Enter), false for "Save without testing". */
export function testRequested(event: FormEvent<HTMLFormElement>): boolean {
  return ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value !== 'save';
}

interface ProviderChoicePanelProps {
  /** "Choose the exchange": the panel's name. */
  readonly title: string;
  readonly loading: string | null;
  readonly error: ContractError | null;
  readonly onCancel: () => void;
  /** The picker, once the list has loaded. */
  readonly children: ReactNode;
}

export function ProviderChoicePanel({ title, loading, error, onCancel, children }: ProviderChoicePanelProps) {
  return (
    <section className="panel" aria-label={title}>
      {loading !== null && !error ? <p className="muted" role="status">{loading}</p> : null}
      {error ? <div className="callout callout--danger" role="alert">{error.message}</div> : null}
      {children}
      <div className="form-actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>Cancel</button>
      </div>
    </section>
  );
}

interface ChosenProviderProps {
  readonly id: string;
  readonly name: string;
  /** "Exchange", "AI provider": as a heading; the button says "Change exchange", "Change AI provider". */
  readonly what: string;
  readonly onChange: () => void;
}

export function ChosenProvider({ id, name, what, onChange }: ChosenProviderProps) {
  return (
    <div className="chosen-exchange">
      <ExchangeInitial id={id} name={name} />
      <div className="chosen-exchange__text">
        <span className="chosen-exchange__label">{what}</span>
        <span className="chosen-exchange__name">{name}</span>
      </div>
      <button type="button" className="button button--quiet button--small" onClick={onChange}>Change {what === 'Exchange' ? 'exchange' : what}</button>
    </div>
  );
}

interface KeyLabelFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: string | undefined;
  readonly placeholder: string;
  readonly hint: string;
}

export function KeyLabelField({ value, onChange, error, placeholder, hint }: KeyLabelFieldProps) {
  return (
    // Checked as typed and never cut (issue 21): a pasted label over the limit stays whole, with the count.
    <Field label="Label" error={error ?? keyLabelLengthProblem(value)} hint={`${hint} At most ${KEY_LABEL_MAX} characters.`}>
      {(control) => (
        <input
          {...control}
          name={LABEL_FIELD}
          className="input"
          type="text"
          autoComplete="off"
          autoFocus
          placeholder={placeholder}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

interface NewKeyFormEndProps {
  /** What "Test and save" asks the provider, and what "Save without testing" is for. */
  readonly explanation: ReactNode;
  readonly formError: string | null;
  readonly busy: boolean;
  readonly onCancel: () => void;
}

export function NewKeyFormEnd({ explanation, formError, busy, onCancel }: NewKeyFormEndProps) {
  return (
    <>
      <p className="callout callout--info">{explanation}</p>
      <FormError message={formError} />
      <div className="form-actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>Cancel</button>
        <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy}>Save without testing</button>
        <button type="submit" name="intent" value="test" className="button button--primary" disabled={busy} aria-busy={busy}>{busy ? 'Checking…' : 'Test and save'}</button>
      </div>
    </>
  );
}
