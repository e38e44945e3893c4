/**
 * A Polymarket account ready to call the CLOB: its signing wallet (a viem account built from the
 * stored key for the call, never kept longer than the session), its funder and signature type, and
 * its CLOB API credentials: the ones typed in, or else derived from the key. Derived credentials
 * are the same every time (L1 derive, nonce 0), so they are never stored: they are asked for once
 * per key and kept in memory only, forgotten when the key changes or the vault locks. A wallet that
 * never traded has none to derive: they are created then (as the official client's
 * createOrDeriveApiKey does, in the other order, so a second device never replaces the first's).
 */
import type { Address, LocalAccount } from 'viem';
import { KeywardenError, isKeywardenError } from '../errors';
import { evmAccountOf } from '../wallets/evm-wallet-key';
import type { ClobCredentials } from './clob-auth';
import { PolymarketClobClient } from './clob-client';
import type { SignatureType } from './clob-order';
import type { PolymarketChainId } from './polymarket-contracts';
import type { DerivedCredentials } from './derived-credentials';

export const POLYMARKET_CHAIN: PolymarketChainId = 137;

/** Where the calls go and how long they may take (KEYWARDEN_SERVICE_URLS' `polymarket` entry points all three services at one test server). */
export interface PolymarketConnection {
  readonly baseUrl: string | undefined;
  readonly timeoutMs: number;
}

export interface PolymarketSession {
  readonly client: PolymarketClobClient;
  readonly account: LocalAccount;
  readonly funder: Address;
  readonly signatureType: SignatureType;
  readonly creds: ClobCredentials;
  /** Whether the credentials were derived from the key (not typed in). */
  readonly derived: boolean;
}

/** A client for a stored or typed account's fields; credentials derived when they were not typed. */
export async function openPolymarketSession(secrets: Readonly<Record<string, string>>, connection: PolymarketConnection, derivedCache?: DerivedCredentials, cacheKey?: string): Promise<PolymarketSession> {
  const account = evmAccountOf({ privateKey: secrets.privateKey });
  const options = { chainId: POLYMARKET_CHAIN, account, timeoutMs: connection.timeoutMs, ...(connection.baseUrl ? { baseUrls: { clob: connection.baseUrl, gamma: connection.baseUrl, data: connection.baseUrl } } : {}) };
  const typed = secrets.apiKey !== undefined && secrets.secret !== undefined && secrets.password !== undefined
    ? { key: secrets.apiKey, secret: secrets.secret, passphrase: secrets.password }
    : undefined;
  let creds = typed ?? (cacheKey === undefined ? undefined : derivedCache?.get(cacheKey));
  if (creds === undefined) {
    creds = await deriveOrCreate(new PolymarketClobClient(options));
    if (cacheKey !== undefined) derivedCache?.set(cacheKey, creds);
  }
  return {
    client: new PolymarketClobClient({ ...options, creds }),
    account,
    funder: (secrets.funderAddress ?? account.address) as Address,
    signatureType: Number(secrets.signatureType ?? '0') as SignatureType,
    creds,
    derived: typed === undefined,
  };
}

async function deriveOrCreate(client: PolymarketClobClient): Promise<ClobCredentials> {
  try {
    return await client.deriveApiKey();
  } catch (error) {
    if (!isKeywardenError(error, 'KEY_REFUSED')) throw error;
  }
  try {
    return await client.createApiKey();
  } catch (error) {
    if (isKeywardenError(error, 'KEY_REFUSED')) {
      throw new KeywardenError('KEY_REFUSED', 'Polymarket would neither derive nor create CLOB API credentials for this wallet. Log in to polymarket.com with this wallet once (it sets the account up), or type in the API key, secret and passphrase.');
    }
    throw error;
  }
}
