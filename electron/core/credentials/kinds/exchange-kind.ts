/**
 * Exchange keys: any ccxt exchange, with the fields ccxt's `requiredCredentials` lists for it
 * (exchange-catalog.ts), checked by credential-fields.ts, verified with real signed calls.
 */
import { getExchangeInfo } from '../../exchanges/exchange-catalog';
import { normaliseCredentialFields } from '../credential-fields';
import type { CredentialKind } from './credential-kind';

export const exchangeKind: CredentialKind = {
  id: 'exchange',
  // ccxt knows about a hundred exchanges: every provider id no other kind claims is taken as one.
  ownsProvider: () => true,
  async keyRules(providerId) {
    const exchange = await getExchangeInfo(providerId);
    return {
      provider: exchange,
      normalise: (raw) => normaliseCredentialFields(exchange, raw),
      // Wallet-signing exchanges (Hyperliquid, …) have no API key: their first field names the key.
      identifyingField: (values) => (values.apiKey !== undefined ? 'apiKey' : exchange.fields[0] ?? 'apiKey'),
    };
  },
  verification: 'exchange-signed-calls',
};
