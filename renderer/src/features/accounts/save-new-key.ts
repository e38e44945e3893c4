/**
 * Saving a key typed into a form, exchange or AI: "Test and save" asks the provider first and saves
 * only a key that works (electron/shared/verification-outcomes.ts says which outcomes do); "Save
 * without testing" stores it unverified. The key's fields pass through as arguments and are not kept.
 */
import type { ChannelInput, ContractError, CredentialInfo } from '../../api/contract-types';
import type { CredentialsState } from '../../stores/credentials-store';
import { keyWorks } from '../../../../electron/shared/verification-outcomes';

export type NewKeyOutcome =
  | { readonly state: 'saved'; readonly credential: CredentialInfo; readonly tested: boolean }
  /** The provider turned the key down: nothing was saved. The message says why and what to do. */
  | { readonly state: 'refused'; readonly message: string }
  /** The core refused the input, or could not ask the provider: nothing was saved. */
  | { readonly state: 'failed'; readonly error: ContractError };

export type NewKeyActions = Pick<CredentialsState, 'test' | 'create' | 'verify'>;

export async function saveNewKey(actions: NewKeyActions, input: ChannelInput<'credentials.create'>, testFirst: boolean): Promise<NewKeyOutcome> {
  if (testFirst) {
    const tested = await actions.test({ provider: input.provider, environment: input.environment ?? 'live', fields: input.fields });
    if (!tested.ok) return { state: 'failed', error: tested.error };
    // The core's message already says the key was not saved, and why.
    if (!keyWorks(tested.value.outcome)) return { state: 'refused', message: [tested.value.message, tested.value.action].filter(Boolean).join(' ') };
  }
  const created = await actions.create(input);
  if (!created.ok) return { state: 'failed', error: created.error };
  // Stored, then checked once more: the list shows at once what the check found (status, permissions).
  if (testFirst) await actions.verify(created.value.id);
  return { state: 'saved', credential: created.value, tested: testFirst };
}

/** The field of the form an error is about (the core names it in details.field), or null for the whole form. */
export function fieldOfError(error: ContractError, formFields: readonly string[]): string | null {
  const field = error.details?.['field'];
  return typeof field === 'string' && formFields.includes(field) ? field : null;
}

/** Focuses the first control with an error, so keyboard and screen reader users land on it. */
export function focusFirstError(form: HTMLFormElement, errors: Readonly<Record<string, unknown>>): void {
  const first = Object.keys(errors)[0];
  const control = first === undefined ? null : form.elements.namedItem(first);
  if (control instanceof HTMLElement) control.focus();
}

/** `errors` without the one of `field` (once it is typed again). */
export function withoutError<E extends Readonly<Record<string, string | undefined>>>(errors: E, field: string): E {
  const { [field]: _dropped, ...rest } = errors;
  return rest as E;
}
