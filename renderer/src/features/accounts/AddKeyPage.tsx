/**
 * Adding an exchange key: pick the exchange, then fill in exactly the fields it signs with. Fields
 * are checked as they are typed; on save the core checks again, and its message (naming the field in
 * error.details.field) is shown under that field. The key values never enter React state or a store:
 * they are read from the form on submit and the form is cleared once they are saved.
 */
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import type { CredentialFieldName, Environment, ExchangeInfo } from '../../api/contract-types';
import { useAppStores, useCredentials, useExchanges, useNavigation } from '../../stores/store-hooks';
import { EnvironmentChoice } from './EnvironmentChoice';
import { ExchangeInitial } from './ExchangeInitial';
import { ExchangePicker } from './ExchangePicker';
import { checkKeyField } from './field-checks';
import { KeyCreationHelp } from './KeyCreationHelp';
import { KeyFieldset } from './KeyFieldInput';

const LABEL_FIELD = 'label';
type FormField = CredentialFieldName | typeof LABEL_FIELD;
type FieldErrors = Partial<Record<FormField, string>>;

export function AddKeyPage() {
  const go = useNavigation((state) => state.go);
  const create = useCredentials((state) => state.create);
  const test = useCredentials((state) => state.test);
  const verify = useCredentials((state) => state.verify);
  const exchanges = useExchanges((state) => state.list);
  const exchangesError = useExchanges((state) => state.loadError);
  const toasts = useAppStores().toasts;
  const [exchange, setExchange] = useState<ExchangeInfo | null>(null);
  const [environment, setEnvironment] = useState<Environment>('live');
  const [label, setLabel] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function pick(picked: ExchangeInfo | null) {
    setExchange(picked);
    setFieldErrors({});
    setFormError(null);
    if (picked && !picked.hasTestnet) setEnvironment('live');
  }

  function showErrors(form: HTMLFormElement, errors: FieldErrors) {
    setFieldErrors(errors);
    const first = Object.keys(errors)[0];
    const control = first === undefined ? null : form.elements.namedItem(first);
    if (control instanceof HTMLElement) control.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (exchange === null) return;
    const form = event.currentTarget;
    setFormError(null);
    const data = new FormData(form);
    const errors: FieldErrors = {};
    if (label.trim() === '') errors.label = 'Enter a label, such as “Binance main”.';
    const fields: Partial<Record<CredentialFieldName, string>> = {};
    for (const field of exchange.fields) {
      const value = String(data.get(field) ?? '');
      const problem = checkKeyField(exchange, field, value, true);
      if (problem) errors[field] = problem;
      fields[field] = value;
    }
    if (Object.keys(errors).length > 0) return showErrors(form, errors);

    // "Test and save" checks the key with the exchange first; "Save without testing" is the explicit other choice.
    const testFirst = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value !== 'save';
    setBusy(true);
    if (testFirst) {
      const tested = await test({ provider: exchange.id, environment, fields });
      if (tested.ok && tested.value.outcome !== 'ok' && tested.value.outcome !== 'permission-missing') {
        setBusy(false);
        setFieldErrors({});
        // The core's message already says the key was not saved, and why.
        setFormError(`${tested.value.message}${tested.value.action ? ` ${tested.value.action}` : ''}`);
        return;
      }
      if (!tested.ok) {
        setBusy(false);
        return reportFailure(form, tested.error);
      }
    }
    const result = await create({ provider: exchange.id, label, environment, fields });
    if (result.ok && testFirst) await verify(result.value.id);
    setBusy(false);
    if (result.ok) {
      form.reset();
      toasts.getState().show('success', testFirst ? `Saved “${result.value.label}” after ${exchange.name} accepted it.` : `Saved “${result.value.label}” without testing. It shows as unverified until Keywarden checks it with ${exchange.name}.`);
      go('accounts');
      return;
    }
    reportFailure(form, result.error);
  }

  function reportFailure(form: HTMLFormElement, error: { message: string; details?: Record<string, string | number | boolean> | undefined }) {
    if (exchange === null) return;
    const result = { error };
    const field = result.error.details?.['field'];
    if (typeof field === 'string' && (field === LABEL_FIELD || (exchange.fields as readonly string[]).includes(field))) {
      showErrors(form, { [field]: result.error.message });
    } else {
      setFieldErrors({});
      setFormError(result.error.message);
    }
  }

  return (
    <>
      <PageHeader focusOnMount={false} title="Add a key" description="Keywarden stores the key encrypted on this computer and never shows it again." />
      <div className="add-key">
        <div className="add-key__main">
          {exchange === null ? (
            <section className="panel" aria-label="Choose the exchange">
              {exchanges === null && !exchangesError ? <p className="muted" role="status">Loading exchanges…</p> : null}
              {exchangesError ? <div className="callout callout--danger" role="alert">{exchangesError.message}</div> : null}
              {exchanges !== null ? <ExchangePicker exchanges={exchanges} onPick={pick} /> : null}
              <div className="form-actions">
                <button type="button" className="button button--secondary" onClick={() => go('accounts')}>Cancel</button>
              </div>
            </section>
          ) : (
            <form className="panel stack" onSubmit={submit} noValidate aria-label={`${exchange.name} key`}>
              <div className="chosen-exchange">
                <ExchangeInitial id={exchange.id} name={exchange.name} />
                <div className="chosen-exchange__text">
                  <span className="chosen-exchange__label">Exchange</span>
                  <span className="chosen-exchange__name">{exchange.name}</span>
                </div>
                <button type="button" className="button button--quiet button--small" onClick={() => pick(null)}>Change exchange</button>
              </div>

              <EnvironmentChoice value={environment} onChange={setEnvironment} testnetAvailable={exchange.hasTestnet} />

              <Field label="Label" error={fieldErrors.label} hint="How you will recognise this key, in this app, alerts and the CLI.">
                {(control) => (
                  <input
                    {...control}
                    name={LABEL_FIELD}
                    className="input"
                    type="text"
                    maxLength={64}
                    autoComplete="off"
                    autoFocus
                    placeholder={`${exchange.name} main`}
                    value={label}
                    onChange={(event) => {
                      setLabel(event.currentTarget.value);
                      setFieldErrors(({ label: _dropped, ...rest }) => rest);
                    }}
                  />
                )}
              </Field>

              {/* Keyed by exchange: switching exchanges remounts, and so empties, every key field. */}
              <KeyFieldset key={exchange.id} exchange={exchange} legend={`Key from ${exchange.name}`} errors={fieldErrors} setErrors={setFieldErrors} />

              <p className="callout callout--info">
                <strong>Test and save</strong> checks the key with {exchange.name} first (a signed balance request) and saves it only if {exchange.name} accepts it. <strong>Save without testing</strong> stores it as unverified, for when {exchange.name} cannot be reached.
              </p>
              <FormError message={formError} />
              <div className="form-actions">
                <button type="button" className="button button--secondary" onClick={() => go('accounts')}>Cancel</button>
                <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy}>Save without testing</button>
                <button type="submit" name="intent" value="test" className="button button--primary" disabled={busy} aria-busy={busy}>{busy ? 'Checking…' : 'Test and save'}</button>
              </div>
            </form>
          )}
        </div>
        <KeyCreationHelp exchange={exchange} />
      </div>
    </>
  );
}
