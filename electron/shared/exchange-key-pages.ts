/**
 * Where each first-class exchange lets a person delete (or edit) an API key. Revoking in Keywarden
 * destroys only Keywarden's copy (issue 21); the key keeps working on the exchange until it is
 * deleted there, so the app and the CLI point at this page. Other exchanges: their API settings, by name.
 * Addresses as Binance and Bybit publish them (binance.com "API Management", bybit.com "API Management";
 * testnet keys live on the testnet sites).
 */
export const exchangeKeyPages: Readonly<Record<string, { readonly live: string; readonly testnet: string }>> = {
  binance: { live: 'https://www.binance.com/en/my/settings/api-management', testnet: 'https://testnet.binance.vision/' },
  bybit: { live: 'https://www.bybit.com/app/user/api-management', testnet: 'https://testnet.bybit.com/app/user/api-management' },
};

/** The address of the exchange's key page for this environment, or null when Keywarden does not know it. */
export function exchangeKeyPage(provider: string, environment: 'live' | 'testnet'): string | null {
  return exchangeKeyPages[provider]?.[environment] ?? null;
}
