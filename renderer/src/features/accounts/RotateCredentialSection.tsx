/**
 * Rotating a key, exchange or AI: the new key's fields (the same fields and checks as adding one),
 * verified with the provider before anything changes. A failing new key leaves the current one in
 * place and working, and the page says so. The key values never enter React state or a store: they are read from the
 * form on submit, and the form is emptied as soon as the core has answered.
 */
import { Fragment, useState, type FormEvent } from 'react';
import type { CredentialFieldName, CredentialInfo } from '../../api/contract-types';
import { useAppStores, useCredentials } from '../../stores/store-hooks';
import { providerUnreachable } from '../../../../electron/shared/verification-outcomes';
import { keyStateWords } from '../../../../electron/shared/key-vocabulary';
import { useKeyForm, type KeyFieldErrors, type KeyForm } from './key-form';
import { focusFirstError } from './save-new-key';

interface RotationFailure {
  readonly message: string;
  /** The new key was checked and refused: the old key is still in place. */
  readonly refused: boolean;
  /** The provider could not be asked: then rotating unchecked is offered. */
  readonly unreachable: boolean;
}

export function RotateCredentialSection({ credential }: { readonly credential: CredentialInfo }) {
  const lookup = useKeyForm(credential);
  const rotate = useCredentials((state) => state.rotate);
  const toasts = useAppStores().toasts;
  const [fieldErrors, setFieldErrors] = useState<KeyFieldErrors>({});
  const [failure, setFailure] = useState<RotationFailure | null>(null);
  const [skipVerification, setSkipVerification] = useState(false);
  const [busy, setBusy] = useState(false);
  // Bumped after every answer: remounting the fieldset empties the key fields (and their key-file switches).
  const [generation, setGeneration] = useState(0);

  if (lookup.state !== 'ready') {
    return <p className="muted">{lookup.state === 'unknown' ? `Keywarden no longer knows the provider “${credential.provider}”, so this key cannot be rotated here.` : 'Loading the provider’s key fields…'}</p>;
  }
  const { form } = lookup;

  function showErrors(element: HTMLFormElement, errors: KeyFieldErrors) {
    setFieldErrors(errors);
    focusFirstError(element, errors);
  }

  async function submit(event: FormEvent<HTMLFormElement>, target: KeyForm) {
    event.preventDefault();
    const element = event.currentTarget;
    setFailure(null);
    const data = new FormData(element);
    const errors: KeyFieldErrors = {};
    const fields: Partial<Record<CredentialFieldName, string>> = {};
    for (const field of target.fieldNames) {
      const value = String(data.get(field) ?? '');
      const problem = target.check(field, value);
      if (problem) errors[field] = problem;
      fields[field] = value;
    }
    if (Object.keys(errors).length > 0) return showErrors(element, errors);

    setBusy(true);
    const result = await rotate({ ref: credential.id, fields, skipVerification });
    setBusy(false);
    // Whatever the answer, the pasted key leaves the page now; a retry means pasting it again.
    element.reset();
    setGeneration((value) => value + 1);
    setSkipVerification(false);
    if (result.ok) {
      setFieldErrors({});
      const checked = result.value.verification === null ? 'without checking it' : 'after checking it';
      toasts.getState().show('success', `“${result.value.credential.label}” now uses the new key (${checked}). Next: delete the old key on ${target.providerName}.`);
      return;
    }
    const field = result.error.details?.['field'];
    if (typeof field === 'string' && (target.fieldNames as readonly string[]).includes(field)) {
      return setFieldErrors({ [field]: `${result.error.message} Paste it again.` });
    }
    setFieldErrors({});
    const outcome = result.error.details?.['outcome'];
    const unreachable = result.error.code === 'EXCHANGE_UNREACHABLE' || result.error.code === 'SERVICE_UNREACHABLE' || (typeof outcome === 'string' && providerUnreachable(outcome));
    setFailure({
      message: result.error.message,
      refused: result.error.code === 'ROTATION_VERIFY_FAILED' && !unreachable,
      unreachable,
    });
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event, form)} noValidate aria-label={`New key for ${credential.label}`}>
      <Fragment key={generation}>{form.renderFieldset({ legend: `New key from ${form.providerName}`, errors: fieldErrors, setErrors: setFieldErrors })}</Fragment>
      {failure ? (
        <div className="callout callout--danger" role="alert">
          <p className="callout__title">{failure.refused ? 'The new key was not accepted' : 'The key was not rotated'}</p>
          <p>{withoutCliHint(failure.message)}</p>
        </div>
      ) : null}
      {failure?.unreachable ? (
        <label className="checkbox">
          <input type="checkbox" checked={skipVerification} onChange={(event) => setSkipVerification(event.currentTarget.checked)} />
          <span>
            {form.providerName} cannot be reached: store the new key without checking it. It shows as “{keyStateWords['not-checked'].word}” until the next check{credential.kind === 'exchange' ? ', and cannot trade until then' : ''}.
          </span>
        </label>
      ) : null}
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
          {busy ? `Checking the new key with ${form.providerName}…` : skipVerification ? 'Rotate without checking' : 'Verify and rotate'}
        </button>
      </div>
    </form>
  );
}

/** The core's message names the CLI's flag for rotating unchecked; here the checkbox below offers it. */
function withoutCliHint(message: string): string {
  return message.replace(/ If the exchange stays unreachable you can rotate without verifying \(--skip-verify\) and verify later\.$/, '');
}
