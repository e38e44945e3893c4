/**
 * Checks a field of an AI key while it is typed, by the rules the core reads it by when the key is
 * saved (electron/shared/ai-key-shapes.ts for the key, ai-field-shapes.ts for the settings). A value
 * that cannot be right is an error; one that only looks unlike the provider's format today is a
 * warning, shown under the field and never in the way of saving.
 */
import type { AiProviderField } from '../../api/contract-types';
import { aiFieldNames, type AiFieldName } from '../../../../electron/shared/ai-field-reading';
import { aiFieldShape } from '../../../../electron/shared/ai-field-shapes';
import { aiKeyShape } from '../../../../electron/shared/ai-key-shapes';
import { isAiProviderId } from '../../../../electron/shared/ai-providers';
import { fieldLabels } from '../../../../electron/shared/credential-field-labels';

export interface AiFieldCheck {
  readonly error: string | null;
  readonly warning: string | null;
}

const fine: AiFieldCheck = { error: null, warning: null };

/**
 * What to say about `value` in `field` of a `provider` key. While typing (`final` false) an empty
 * field is not a problem yet; on submit an empty required one is. An empty optional field is left out.
 */
export function checkAiField(provider: string, field: Pick<AiProviderField, 'name' | 'required'>, value: string, final: boolean): AiFieldCheck {
  if (value.trim() === '') return final && field.required ? { error: `Enter the ${fieldLabels[field.name]}.`, warning: null } : fine;
  // A provider or field this window does not know: the core reads it on save and names any problem.
  if (!isAiProviderId(provider) || !isAiFieldName(field.name)) return fine;
  const shape = field.name === 'apiKey' ? aiKeyShape(provider, value) : aiFieldShape(provider, field.name, value);
  if (shape.verdict === 'malformed') return { error: shape.message, warning: null };
  if (shape.verdict === 'warning') return { error: null, warning: shape.message };
  return fine;
}

function isAiFieldName(name: string): name is AiFieldName {
  return (aiFieldNames as readonly string[]).includes(name);
}
