/**
 * The name people know a key's provider by, whichever kind it is: an AI provider's from
 * aiProviders.list (the shared list's until that has loaded), an exchange's from exchanges.list
 * (its id until that has loaded).
 */
import { aiProviderNames, isAiProviderId } from '../../../../electron/shared/ai-providers';
import { selectAiProvider } from '../../stores/ai-providers-store';
import { selectExchangeName } from '../../stores/exchanges-store';
import { useAiProviders, useExchanges } from '../../stores/store-hooks';

export function useProviderName(provider: string): string {
  const aiName = useAiProviders((state) => selectAiProvider(provider)(state)?.name ?? null);
  const exchangeName = useExchanges(selectExchangeName(provider));
  if (aiName !== null) return aiName;
  return isAiProviderId(provider) ? aiProviderNames[provider] : exchangeName;
}
