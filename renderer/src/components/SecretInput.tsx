/**
 * An input for a secret (passphrase, API secret). Deliberately uncontrolled: the value lives only in
 * the DOM input's `value` property, never in React state or a store, and never in the `value`
 * attribute (React mirrors a controlled input's value into that attribute, where it would show up
 * in the page's HTML). The form reads it on submit with FormData and clears it with form.reset().
 * Callers that check the value as it is typed get it through `onValueChange` and keep only what
 * they derive from it (an error message, a strength score).
 */
import type { ReactNode, Ref } from 'react';
import { Field } from './Field';

interface SecretInputProps {
  readonly name: string;
  readonly label: string;
  readonly hint?: ReactNode;
  readonly error?: string | null | undefined;
  /** Something unusual about the value that does not stop the form (an AI key unlike its provider's format). */
  readonly warning?: string | null | undefined;
  /** A multi-line box for key files (PEM), masked like a password field. */
  readonly multiline?: boolean;
  /** For fields that are not secret but come with a key (a user id, a wallet address). */
  readonly reveal?: boolean;
  readonly autoFocus?: boolean;
  readonly onValueChange?: (value: string) => void;
  readonly ref?: Ref<HTMLInputElement & HTMLTextAreaElement>;
}

export function SecretInput({ name, label, hint, error, warning, multiline = false, reveal = false, autoFocus, onValueChange, ref }: SecretInputProps) {
  const common = {
    name,
    autoComplete: 'off',
    autoCapitalize: 'off',
    autoCorrect: 'off',
    spellCheck: false,
    autoFocus,
    ref,
    'data-secret': reveal ? undefined : '',
  } as const;
  return (
    <Field label={label} hint={hint} error={error} warning={warning}>
      {(control) =>
        multiline ? (
          <textarea {...control} {...common} className="input input--mono textarea--masked" rows={5} onChange={(event) => onValueChange?.(event.currentTarget.value)} />
        ) : (
          <input {...control} {...common} className="input input--mono" type={reveal ? 'text' : 'password'} onChange={(event) => onValueChange?.(event.currentTarget.value)} />
        )
      }
    </Field>
  );
}
