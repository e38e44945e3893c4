/**
 * Finds exchange keys among the variables of a .env file, by the names trading bots use:
 * <EXCHANGE>_API_KEY with <EXCHANGE>_API_SECRET (or _SECRET_KEY, _SECRET), <EXCHANGE>_API_PASSPHRASE
 * (or _PASSWORD) and, for wallet-signing exchanges, _PRIVATE_KEY and _WALLET_ADDRESS, where
 * <EXCHANGE> is a ccxt exchange id (BINANCE, BYBIT, KUCOIN, …); <EXCHANGE>_TESTNET=true marks a
 * testnet key. Other variables are left alone and listed by name.
 */
import { fieldLabels, type CredentialFieldName, type Environment } from '../credentials/credential-schema';
import { KeywardenError } from '../errors';
import type { ExchangeInfo } from '../exchanges/exchange-schema';
import type { EnvVariable } from './env-file-parser';

export interface EnvCredential {
  /** The name part before the field suffix, as written (BINANCE). */
  readonly prefix: string;
  readonly provider: string;
  readonly environment: Environment;
  readonly fields: Readonly<Partial<Record<CredentialFieldName, string>>>;
}

// Longest first, so BINANCE_API_SECRET_KEY is read as BINANCE + _API_SECRET_KEY.
const FIELD_SUFFIXES: readonly (readonly [string, CredentialFieldName])[] = ([
  ['_API_SECRET_KEY', 'secret'],
  ['_API_PASSPHRASE', 'password'],
  ['_API_PASSWORD', 'password'],
  ['_WALLET_ADDRESS', 'walletAddress'],
  ['_PRIVATE_KEY', 'privateKey'],
  ['_API_SECRET', 'secret'],
  ['_SECRET_KEY', 'secret'],
  ['_PASSPHRASE', 'password'],
  ['_ACCOUNT_ID', 'accountId'],
  ['_PASSWORD', 'password'],
  ['_API_KEY', 'apiKey'],
  ['_API_UID', 'uid'],
  ['_SECRET', 'secret'],
  ['_UID', 'uid'],
] as const).slice().sort((a, b) => b[0].length - a[0].length);
const TESTNET_SUFFIX = '_TESTNET';
/** Fields that are secret; a group without one is not taken for a key (see below). */
const SECRET_FIELDS: readonly CredentialFieldName[] = ['secret', 'password', 'privateKey'];

interface Group {
  readonly prefix: string;
  readonly fields: Map<CredentialFieldName, EnvVariable>;
  testnet: EnvVariable | undefined;
}

/**
 * The keys found, and the names of variables that were not used (with why, where it helps).
 * `exchangeOf` answers for ccxt exchange ids. Throws ENV_FILE_INVALID for contradictions.
 */
export function findEnvCredentials(variables: readonly EnvVariable[], exchangeOf: (id: string) => ExchangeInfo | undefined): { credentials: EnvCredential[]; ignored: string[] } {
  const groups = new Map<string, Group>();
  const ignored: { line: number; text: string }[] = [];
  const groupOf = (prefix: string): Group => {
    const key = prefix.toUpperCase();
    let group = groups.get(key);
    if (!group) {
      group = { prefix, fields: new Map(), testnet: undefined };
      groups.set(key, group);
    }
    return group;
  };

  for (const variable of variables) {
    const upper = variable.name.toUpperCase();
    if (upper.endsWith(TESTNET_SUFFIX) && isExchangePrefix(upper.slice(0, -TESTNET_SUFFIX.length))) {
      groupOf(variable.name.slice(0, -TESTNET_SUFFIX.length)).testnet = variable;
      continue;
    }
    const suffix = FIELD_SUFFIXES.find(([candidate]) => upper.endsWith(candidate) && isExchangePrefix(upper.slice(0, -candidate.length)));
    if (!suffix) {
      ignored.push({ line: variable.line, text: variable.name });
      continue;
    }
    const [text, field] = suffix;
    const group = groupOf(variable.name.slice(0, -text.length));
    const earlier = group.fields.get(field);
    if (earlier) {
      throw new KeywardenError('ENV_FILE_INVALID', `${earlier.name} and ${variable.name} both give the ${fieldLabels[field]} for ${group.prefix}. Keep one and import again.`);
    }
    group.fields.set(field, variable);
  }

  const credentials: EnvCredential[] = [];
  for (const group of groups.values()) {
    const variables = [...group.fields.values(), ...(group.testnet ? [group.testnet] : [])];
    const exchange = exchangeOf(group.prefix.toLowerCase());
    if (!exchange || group.fields.size === 0) {
      ignored.push(...variables.map((v) => ({ line: v.line, text: v.name })));
      continue;
    }
    const missing = exchange.fields.filter((field) => !group.fields.has(field));
    // GEMINI_API_KEY alone is far more often an AI provider's key than a Gemini exchange key: a
    // group with no secret field that lacks what the exchange needs is not taken for one.
    if (missing.length > 0 && !SECRET_FIELDS.some((field) => group.fields.has(field))) {
      ignored.push(...variables.map((v) => ({ line: v.line, text: `${v.name} (not imported: ${exchange.name} also needs ${missing.map((field) => fieldLabels[field]).join(', ')})` })));
      continue;
    }
    credentials.push({
      prefix: group.prefix,
      provider: exchange.id,
      environment: group.testnet ? testnetFlag(group.testnet) : 'live',
      fields: Object.fromEntries([...group.fields].map(([field, variable]) => [field, variable.value])),
    });
  }
  return { credentials, ignored: ignored.sort((a, b) => a.line - b.line).map((entry) => entry.text) };
}

/** ccxt exchange ids are letters and digits only. */
function isExchangePrefix(prefix: string): boolean {
  return /^[A-Z0-9]{2,40}$/.test(prefix);
}

function testnetFlag(variable: EnvVariable): Environment {
  const value = variable.value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(value)) return 'testnet';
  if (['false', '0', 'no', 'off', ''].includes(value)) return 'live';
  throw new KeywardenError('ENV_FILE_INVALID', `${variable.name} (line ${variable.line}) must be true or false.`);
}
