/**
 * Exchange keys: any ccxt exchange, with the fields ccxt's `requiredCredentials` lists for it
 * (exchange-catalog.ts), checked by credential-fields.ts, verified with real signed calls.
 */
import { identifyingFields, previewFieldOf } from '../../../shared/credential-field-roles';
import { getExchangeInfo } from '../../exchanges/exchange-catalog';
import { normaliseCredentialFields } from '../credential-fields';
import { withOutboundProxy } from '../exchange-proxy-field';
import type { CredentialKind } from './credential-kind';

export const exchangeKind: CredentialKind = {
  id: 'exchange',
  // ccxt knows about a hundred exchanges: every provider id no other kind claims is taken as one.
  ownsProvider: () => true,
  async keyRules(providerId) {
    const exchange = await getExchangeInfo(providerId);
    return {
      provider: exchange,
      // The account's outbound proxy is a setting beside the key's own fields (exchange-proxy-field.ts).
      normalise: (raw) => withOutboundProxy(raw, (fields) => normaliseCredentialFields(exchange, fields)),
    };
  },
  keyIdentity: (fields) => ({
    // Wallet-signing exchanges (Hyperliquid, …) have no API key: their first field, the private key,
    // is what a new key changes. The wallet address stays the same across an API wallet's rotation
    // and may have several keys, so it names the account, not the key.
    fingerprintField: fields.includes('apiKey') ? 'apiKey' : fields[0] ?? 'apiKey',
    previewField: previewFieldOf(fields),
    publicFields: identifyingFields.filter((field) => fields.includes(field)),
  }),
  exportableFields: [],
  verification: 'exchange-signed-calls',
};
