/**
 * The expiry date a person sets on a key, typed as YYYY-MM-DD and read by the shared rule
 * (electron/shared/expiry-date.ts), the one the CLI's --expires and the core use. Checked once the
 * date is complete or the field is left, so a half-typed date is not called wrong.
 */
import { useState, type ReactNode } from 'react';
import { Field } from '../../components/Field';
import { readOptionalExpiry } from './expiry-presentation';

/** The form field's name: a form reads the date with FormData, or focuses it when it is wrong. */
export const EXPIRY_FIELD = 'expiresAt';
const COMPLETE_LENGTH = 'YYYY-MM-DD'.length;

interface ExpiryDateFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly label?: string;
  /** Null for none; left out, the field says what the date does. */
  readonly hint?: ReactNode;
  /** The form's own error for the field (after submit), shown over the one found while typing. */
  readonly error?: string | null | undefined;
  readonly autoFocus?: boolean;
}

export function ExpiryDateField({ value, onChange, label = 'Expiry date (optional)', hint, error, autoFocus }: ExpiryDateFieldProps) {
  const [left, setLeft] = useState(false);
  const reading = readOptionalExpiry(value, Date.now());
  const typingError = (left || value.trim().length >= COMPLETE_LENGTH) && !reading.ok ? reading.message : null;
  return (
    <Field label={label} hint={hint === undefined ? 'YYYY-MM-DD. From that day (UTC) Keywarden no longer uses or hands out the key.' : hint} error={error ?? typingError}>
      {(control) => (
        <input
          {...control}
          name={EXPIRY_FIELD}
          className="input input--narrow"
          type="text"
          inputMode="numeric"
          placeholder="YYYY-MM-DD"
          autoComplete="off"
          spellCheck={false}
          maxLength={COMPLETE_LENGTH + 4}
          autoFocus={autoFocus}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          onBlur={() => setLeft(true)}
        />
      )}
    </Field>
  );
}
