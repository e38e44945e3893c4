/** Choosing the AI provider a key belongs to, from the providers the core knows (issue 17). */
import type { AiProviderInfo } from '../../api/contract-types';
import { ProviderPicker } from '../accounts/ProviderPicker';
import { aiFieldLabel } from './ai-field-presentation';

interface AiProviderPickerProps {
  readonly providers: readonly AiProviderInfo[];
  readonly onPick: (provider: AiProviderInfo) => void;
}

export function AiProviderPicker({ providers, onPick }: AiProviderPickerProps) {
  return (
    <ProviderPicker
      options={providers}
      onPick={onPick}
      label="AI provider"
      listLabel="AI providers"
      noun={['provider', 'providers']}
      detail={(provider) => provider.fields.map(aiFieldLabel).join(', ')}
    />
  );
}
