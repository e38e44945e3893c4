/**
 * The fields of an AI provider's key (adding one, rotating one): the key itself masked, the settings
 * (organization, base URL, endpoint…) shown as typed. Each is checked as it is typed by the shared
 * rules: an error for what cannot be right, a warning for what only looks unusual, which never stops
 * the form. Uncontrolled: the values stay in the inputs, and only the messages are kept.
 */
import { useState, type Dispatch, type SetStateAction } from 'react';
import { SecretInput } from '../../components/SecretInput';
import type { AiProviderInfo, CredentialFieldName } from '../../api/contract-types';
import { withoutError } from '../accounts/save-new-key';
import { checkAiField } from './ai-field-checks';
import { aiFieldHint, aiFieldLabel } from './ai-field-presentation';

type FieldMessages = Partial<Record<CredentialFieldName, string>>;

interface AiKeyFieldsetProps<E extends FieldMessages> {
  readonly provider: AiProviderInfo;
  readonly legend: string;
  /** The form's field errors; this fieldset sets and clears its own as they are typed. */
  readonly errors: E;
  readonly setErrors: Dispatch<SetStateAction<E>>;
}

export function AiKeyFieldset<E extends FieldMessages>({ provider, legend, errors, setErrors }: AiKeyFieldsetProps<E>) {
  const [warnings, setWarnings] = useState<FieldMessages>({});
  return (
    <fieldset className="inset-box inset-box--roomy">
      <legend className="key-fields__legend">{legend}</legend>
      {provider.fields.map((field) => (
        <SecretInput
          key={field.name}
          name={field.name}
          label={aiFieldLabel(field)}
          reveal={!field.hidden}
          hint={aiFieldHint(provider, field)}
          error={errors[field.name]}
          warning={errors[field.name] ? null : warnings[field.name]}
          onValueChange={(value) => {
            const check = checkAiField(provider.id, field, value, false);
            setErrors((current) => (check.error === null ? withoutError(current, field.name) : { ...current, [field.name]: check.error }));
            setWarnings((current) => (check.warning === null ? withoutError(current, field.name) : { ...current, [field.name]: check.warning }));
          }}
        />
      ))}
    </fieldset>
  );
}
