/**
 * Finds wallet keys and Polymarket accounts among the variables of a .env file, by the names bots
 * use: POLYMARKET_API_KEY / _SECRET / _PASSPHRASE (also POLY_* and CLOB_* as Polymarket's own
 * examples write them) with the signing key and the funder; a bare PRIVATE_KEY or
 * WALLET_PRIVATE_KEY (or a MNEMONIC) as an EVM wallet; SOLANA_PRIVATE_KEY as a Solana wallet. A
 * generic PRIVATE_KEY next to Polymarket credentials is the account's signing key. The variables
 * it takes are removed from what the exchange finder (env-credentials.ts) sees.
 */
import type { CredentialFieldName } from '../credentials/credential-schema';
import type { EnvCredential } from './env-credentials';
import type { EnvVariable } from './env-file-parser';

type Names = Readonly<Partial<Record<CredentialFieldName, readonly string[]>>>;

const genericPrivateKey = ['WALLET_PRIVATE_KEY', 'EVM_PRIVATE_KEY', 'ETH_PRIVATE_KEY', 'ETHEREUM_PRIVATE_KEY', 'PRIVATE_KEY', 'PK'];
/** Next to Polymarket credentials, the names Polymarket's own examples give the signing key come first. */
const polymarketGenericKey = ['PK', 'PRIVATE_KEY', ...genericPrivateKey.filter((name) => name !== 'PK' && name !== 'PRIVATE_KEY')];

/** Variables only a Polymarket setup has: finding any of them makes the file's key a Polymarket account's. */
const polymarketOwn: Names = {
  privateKey: ['POLYMARKET_PRIVATE_KEY', 'POLY_PRIVATE_KEY', 'CLOB_PRIVATE_KEY'],
  apiKey: ['POLYMARKET_API_KEY', 'POLY_API_KEY', 'CLOB_API_KEY'],
  secret: ['POLYMARKET_SECRET', 'POLYMARKET_API_SECRET', 'POLY_SECRET', 'POLY_API_SECRET', 'CLOB_SECRET', 'CLOB_API_SECRET'],
  password: ['POLYMARKET_PASSPHRASE', 'POLYMARKET_API_PASSPHRASE', 'POLY_PASSPHRASE', 'POLY_API_PASSPHRASE', 'CLOB_PASSPHRASE', 'CLOB_PASS_PHRASE', 'CLOB_API_PASSPHRASE'],
  funderAddress: ['POLYMARKET_FUNDER', 'POLYMARKET_FUNDER_ADDRESS', 'POLY_FUNDER', 'POLY_FUNDER_ADDRESS', 'POLYMARKET_PROXY_ADDRESS', 'POLY_PROXY_ADDRESS', 'FUNDER', 'FUNDER_ADDRESS'],
  signatureType: ['POLYMARKET_SIGNATURE_TYPE', 'POLY_SIGNATURE_TYPE', 'SIGNATURE_TYPE'],
  walletAddress: ['POLYMARKET_ADDRESS', 'POLYMARKET_WALLET_ADDRESS', 'POLY_ADDRESS'],
};

const evmWallet: Names = {
  privateKey: genericPrivateKey,
  mnemonic: ['MNEMONIC', 'WALLET_MNEMONIC', 'SEED_PHRASE'],
  derivationPath: ['DERIVATION_PATH', 'HD_PATH'],
  walletAddress: ['WALLET_ADDRESS', 'EVM_ADDRESS', 'ETH_ADDRESS'],
  chainId: ['CHAIN_ID'],
  rpcUrl: ['RPC_URL', 'ETH_RPC_URL', 'EVM_RPC_URL', 'WEB3_PROVIDER_URI'],
};

const solanaWallet: Names = {
  privateKey: ['SOLANA_PRIVATE_KEY', 'SOL_PRIVATE_KEY', 'SOLANA_SECRET_KEY', 'SOLANA_KEYPAIR'],
  walletAddress: ['SOLANA_WALLET_ADDRESS', 'SOLANA_ADDRESS', 'SOL_ADDRESS'],
  cluster: ['SOLANA_CLUSTER'],
  rpcUrl: ['SOLANA_RPC_URL', 'SOL_RPC_URL'],
};

export function findWalletEnvCredentials(variables: readonly EnvVariable[]): { credentials: EnvCredential[]; rest: EnvVariable[]; ignored: string[] } {
  const byName = new Map(variables.map((variable) => [variable.name.toUpperCase(), variable]));
  const taken = new Set<EnvVariable>();
  const credentials: EnvCredential[] = [];
  const ignored: string[] = [];
  const pick = (names: Names): { fields: Partial<Record<CredentialFieldName, string>>; used: EnvVariable[]; prefix: string } => {
    const fields: Partial<Record<CredentialFieldName, string>> = {};
    const used: EnvVariable[] = [];
    for (const [field, candidates] of Object.entries(names) as [CredentialFieldName, readonly string[]][]) {
      const variable = candidates.map((name) => byName.get(name)).find((found) => found !== undefined && !taken.has(found) && found.value.trim() !== '');
      if (!variable) continue;
      fields[field] = variable.value;
      used.push(variable);
    }
    return { fields, used, prefix: used[0]?.name.replace(/_[A-Z]+$/, '') ?? '' };
  };
  const take = (provider: string, found: ReturnType<typeof pick>) => {
    for (const variable of found.used) taken.add(variable);
    credentials.push({ prefix: found.prefix, provider, environment: 'live', fields: found.fields });
  };

  const polymarket = pick(polymarketOwn);
  if (polymarket.used.length > 0) {
    if (polymarket.fields.privateKey === undefined) {
      const generic = pick({ privateKey: polymarketGenericKey });
      if (generic.fields.privateKey !== undefined) {
        polymarket.fields.privateKey = generic.fields.privateKey;
        polymarket.used.push(...generic.used);
      }
    }
    if (polymarket.fields.privateKey !== undefined) take('polymarket', polymarket);
    else {
      for (const variable of polymarket.used) taken.add(variable);
      ignored.push(...polymarket.used.map((variable) => `${variable.name} (not imported: a Polymarket account also needs its signing wallet's private key, such as POLYMARKET_PRIVATE_KEY)`));
    }
  }

  const solana = pick(solanaWallet);
  if (solana.fields.privateKey !== undefined) take('solana-wallet', solana);

  const evm = pick(evmWallet);
  if (evm.fields.privateKey !== undefined || evm.fields.mnemonic !== undefined) {
    // A bare PRIVATE_KEY holding a base58 secret or a byte array is a Solana key.
    const looksSolana = evm.fields.privateKey !== undefined && evm.fields.mnemonic === undefined && !/^\s*(0x)?[0-9a-fA-F]{64}\s*$/.test(evm.fields.privateKey) && /^\s*(\[[\d,\s]+\]|[1-9A-HJ-NP-Za-km-z]{64,90})\s*$/.test(evm.fields.privateKey);
    if (looksSolana) {
      const { privateKey } = evm.fields;
      take('solana-wallet', { fields: { privateKey }, used: evm.used.filter((variable) => variable.value === privateKey), prefix: evm.prefix });
    } else take('evm-wallet', evm);
  }
  return { credentials, rest: variables.filter((variable) => !taken.has(variable)), ignored };
}
