/**
 * The signature type select of the connect form and of an account's Funder section: the types in
 * plain words, the empty choice letting Keywarden work it out from the funder. On the Funder section
 * of an account that has one set (`keepCurrent`), the first choice leaves it as it is: its value is
 * sealed with the key and not shown here.
 */
import { Field } from '../../components/Field';
import { KEEP_SETTING } from '../wallets/wallet-form-reading';
import { polymarketFieldLabel, signatureTypeChoices } from './polymarket-fields';

interface SignatureTypeFieldProps {
  readonly error: string | undefined;
  readonly onChange: () => void;
  readonly keepCurrent?: boolean;
}

export function SignatureTypeField({ error, onChange, keepCurrent = false }: SignatureTypeFieldProps) {
  return (
    <Field label={polymarketFieldLabel('signatureType')} error={error} hint="How the key signs for the funder. Leave it to Keywarden unless you know you need another.">
      {(control) => (
        <select {...control} name="signatureType" className="input" defaultValue={keepCurrent ? KEEP_SETTING : ''} onChange={onChange}>
          {keepCurrent ? <option value={KEEP_SETTING}>Keep the current signature type</option> : null}
          {signatureTypeChoices.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
        </select>
      )}
    </Field>
  );
}
