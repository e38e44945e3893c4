/**
 * What revoking an AI key does not do: Keywarden cannot delete a key at its provider, so the key
 * keeps working there, for whoever holds a copy, until the person deletes it on the provider's keys page.
 */
import { selectAiProvider } from '../../stores/ai-providers-store';
import { useAiProviders } from '../../stores/store-hooks';
import { KeysPageAddress } from './KeysPageAddress';

export function AiKeyRevokeNote({ provider, providerName }: { readonly provider: string; readonly providerName: string }) {
  const keysPage = useAiProviders((state) => selectAiProvider(provider)(state)?.keysPage ?? null);
  return (
    <div className="stack stack--narrow">
      <p className="muted small">
        Revoking only marks the key revoked in Keywarden: it still works at {providerName} until you delete it on {providerName}’s keys page{keysPage ? ':' : '.'}
      </p>
      {keysPage ? <KeysPageAddress address={keysPage} providerName={providerName} /> : null}
    </div>
  );
}
