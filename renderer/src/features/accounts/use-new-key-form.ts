/**
 * The state and the save of an "add a key" form, exchange or AI: its label, expiry date, field
 * errors and form error, and the submit that checks them, reads the key's fields from the form
 * (never from state), saves through saveNewKey, and says what happened. Each page brings the key's
 * own fields and how to read them.
 */
import { useState, type FormEvent } from 'react';
import type { CredentialFieldName, Environment } from '../../api/contract-types';
import type { View } from '../../stores/navigation-store';
import { useAppStores, useNavigation } from '../../stores/store-hooks';
import { EXPIRY_FIELD } from './ExpiryDateField';
import { readOptionalExpiry } from './expiry-presentation';
import { keyLabelLengthProblem } from '../../../../electron/shared/key-label';
import { keyStateWords } from '../../../../electron/shared/key-vocabulary';
import { LABEL_FIELD, testRequested } from './NewKeyForm';
import { fieldOfError, focusFirstError, saveNewKey, withoutError } from './save-new-key';

type FormField = CredentialFieldName | typeof LABEL_FIELD | typeof EXPIRY_FIELD;
export type NewKeyFieldErrors = Partial<Record<FormField, string>>;

/** What a page read from its form: the key's fields and what is wrong with them. */
export interface KeyFieldsRead {
  readonly provider: string;
  readonly providerName: string;
  readonly environment?: Environment;
  /** Every field the key can have, in the form's order (an error the core names is shown under it). */
  readonly fieldNames: readonly CredentialFieldName[];
  readonly fields: Partial<Record<CredentialFieldName, string>>;
  readonly problems: Partial<Record<CredentialFieldName, string>>;
}

export function useNewKeyForm(listView: View) {
  const go = useNavigation((state) => state.go);
  const { credentials, toasts } = useAppStores();
  const [label, setLabel] = useState('');
  const [expiry, setExpiry] = useState('');
  const [fieldErrors, setFieldErrors] = useState<NewKeyFieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function showErrors(form: HTMLFormElement, errors: NewKeyFieldErrors) {
    setFieldErrors(errors);
    focusFirstError(form, errors);
  }

  async function submit(event: FormEvent<HTMLFormElement>, readFields: (data: FormData) => KeyFieldsRead) {
    event.preventDefault();
    const form = event.currentTarget;
    setFormError(null);
    const read = readFields(new FormData(form));
    const expiresAt = readOptionalExpiry(expiry, Date.now());
    // In the form's order, so the first one wrong gets the focus.
    const errors: NewKeyFieldErrors = {
      ...(label.trim() === '' ? { [LABEL_FIELD]: `Enter a label, such as “${read.providerName} main”.` } : {}),
      ...(keyLabelLengthProblem(label) === null ? {} : { [LABEL_FIELD]: keyLabelLengthProblem(label) ?? '' }),
      ...read.problems,
      ...(expiresAt.ok ? {} : { [EXPIRY_FIELD]: expiresAt.message }),
    };
    if (Object.keys(errors).length > 0 || !expiresAt.ok) return showErrors(form, errors);

    const testFirst = testRequested(event);
    setBusy(true);
    const input = { provider: read.provider, label, fields: read.fields, ...(read.environment ? { environment: read.environment } : {}), ...(expiresAt.value === null ? {} : { expiresAt: expiresAt.value }) };
    const outcome = await saveNewKey(credentials.getState(), input, testFirst);
    setBusy(false);
    if (outcome.state === 'saved') {
      form.reset();
      toasts.getState().show('success', outcome.tested
        ? `Saved “${outcome.credential.label}” after ${read.providerName} accepted it.`
        : `Saved “${outcome.credential.label}” without testing. It shows as “${keyStateWords['not-checked'].word}” until Keywarden checks it with ${read.providerName}.`);
      go(listView);
      return;
    }
    if (outcome.state === 'refused') {
      setFieldErrors({});
      return setFormError(outcome.message);
    }
    const field = fieldOfError(outcome.error, [LABEL_FIELD, EXPIRY_FIELD, ...read.fieldNames]);
    if (field !== null) return showErrors(form, { [field]: outcome.error.message });
    setFieldErrors({});
    setFormError(outcome.error.message);
  }

  return {
    submit,
    fieldErrors,
    setFieldErrors,
    formError,
    busy,
    /** Another provider was picked: its fields start without errors. */
    clearErrors() {
      setFieldErrors({});
      setFormError(null);
    },
    labelField: {
      value: label,
      error: fieldErrors.label,
      onChange(value: string) {
        setLabel(value);
        setFieldErrors((current) => withoutError(current, LABEL_FIELD));
      },
    },
    expiryField: {
      value: expiry,
      error: fieldErrors[EXPIRY_FIELD],
      onChange(value: string) {
        setExpiry(value);
        setFieldErrors((current) => withoutError(current, EXPIRY_FIELD));
      },
    },
  };
}
