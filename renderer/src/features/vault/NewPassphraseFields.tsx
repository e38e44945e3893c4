/**
 * "New passphrase" and "Confirm" with a live strength meter, for creating the vault and for changing
 * the passphrase. The values stay in the inputs (see SecretInput); this component keeps only the
 * strength and whether the two match, and the form reads the values on submit.
 */
import { useState } from 'react';
import { SecretInput } from '../../components/SecretInput';
import { PassphraseStrengthMeter } from './PassphraseStrengthMeter';
import { emptyStrength, estimatePassphraseStrength, type PassphraseStrength } from './passphrase-strength';

export const NEW_PASSPHRASE_FIELD = 'newPassphrase';
export const CONFIRM_PASSPHRASE_FIELD = 'confirmPassphrase';

interface NewPassphraseFieldsProps {
  readonly label?: string;
  /** An error for the new passphrase (from the core, e.g. WEAK_PASSPHRASE). */
  readonly passphraseError?: string | null;
  readonly confirmError?: string | null;
  readonly autoFocus?: boolean;
  /** Called as either field changes, so the form can clear errors that no longer apply. */
  readonly onEdit?: () => void;
}

export function NewPassphraseFields({ label = 'Passphrase', passphraseError, confirmError, autoFocus, onEdit }: NewPassphraseFieldsProps) {
  const [strength, setStrength] = useState<PassphraseStrength>(emptyStrength);
  return (
    <>
      <SecretInput
        name={NEW_PASSPHRASE_FIELD}
        label={label}
        autoFocus={autoFocus}
        error={passphraseError}
        hint={<PassphraseStrengthMeter strength={strength} />}
        onValueChange={(value) => {
          setStrength(estimatePassphraseStrength(value));
          onEdit?.();
        }}
      />
      <SecretInput name={CONFIRM_PASSPHRASE_FIELD} label={`Confirm ${label.toLowerCase()}`} error={confirmError} onValueChange={() => onEdit?.()} />
    </>
  );
}

/** Reads and checks the two fields from a submitted form; null values mean "missing". */
export function readNewPassphrase(form: FormData): { passphrase: string; problem: 'missing' | 'mismatch' | null } {
  const passphrase = String(form.get(NEW_PASSPHRASE_FIELD) ?? '');
  const confirmation = String(form.get(CONFIRM_PASSPHRASE_FIELD) ?? '');
  if (passphrase === '') return { passphrase, problem: 'missing' };
  if (passphrase !== confirmation) return { passphrase, problem: 'mismatch' };
  return { passphrase, problem: null };
}
