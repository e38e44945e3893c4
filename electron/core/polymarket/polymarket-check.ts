/**
 * Verifies a Polymarket account: its credentials work (an L2 call), they belong to this wallet,
 * the funder fits the signature type, and the funder's pUSD balance and allowances to the V2
 * exchanges. The result is one outcome value (schema below); nothing thrown holds a secret.
 */
import type { Address, LocalAccount } from 'viem';
import { z } from 'zod';
import { isKeywardenError } from '../errors';
import type { ClobCredentials } from './clob-auth';
import { PolymarketClobClient } from './clob-client';
import type { PolymarketHttpOptions } from './clob-http';
import type { SignatureType } from './clob-order';
import { exchangeSpenders, type PolymarketChainId } from './polymarket-contracts';
import { walletSetup } from './wallet-setup';

export const polymarketCheckOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ok'), message: z.string(), balance: z.string(), allowances: z.record(z.string(), z.string()) }),
  z.object({ outcome: z.literal('invalid-credentials'), message: z.string() }),
  z.object({ outcome: z.literal('credentials-of-another-wallet'), message: z.string() }),
  z.object({ outcome: z.literal('funder-mismatch'), message: z.string() }),
  z.object({ outcome: z.literal('no-allowance'), message: z.string(), balance: z.string(), missing: z.array(z.string()) }),
  z.object({ outcome: z.literal('region-blocked'), message: z.string() }),
  z.object({ outcome: z.literal('unavailable'), message: z.string() }),
]);
export type PolymarketCheckOutcome = z.infer<typeof polymarketCheckOutcome>;

export interface PolymarketCheckInput extends PolymarketHttpOptions {
  readonly chainId: PolymarketChainId;
  readonly account: LocalAccount;
  readonly creds: ClobCredentials;
  readonly funder?: Address;
  readonly signatureType: SignatureType;
}

export async function checkPolymarketAccount(input: PolymarketCheckInput): Promise<PolymarketCheckOutcome> {
  const setup = walletSetup(input.account.address, input.funder, input.chainId);
  if (setup.outcome === 'funder-mismatch') return { outcome: 'funder-mismatch', message: setup.message };
  if (setup.outcome === 'matched' && setup.signatureType !== input.signatureType) {
    return { outcome: 'funder-mismatch', message: `This funder is the wallet's ${setup.kind}, which uses signature type ${setup.signatureType}, not ${input.signatureType}.` };
  }
  const client = new PolymarketClobClient(input);
  try {
    const keys = await client.apiKeys();
    if (keys.outcome === 'invalid-credentials') return await refusedCredentials(input);
    const collateral = await client.balanceAllowance({ assetType: 'COLLATERAL', signatureType: input.signatureType });
    const missing = exchangeSpenders(input.chainId).filter((spender) => BigInt(allowanceFor(collateral.allowances, spender.address)) === 0n);
    if (missing.length > 0) {
      return {
        outcome: 'no-allowance',
        balance: collateral.balance,
        missing: missing.map((spender) => spender.address),
        message: `The funder has not allowed the ${missing.map((spender) => spender.name).join(' and ')} to spend its pUSD: enable trading on polymarket.com once, or approve pUSD for ${missing.map((spender) => spender.address).join(', ')}.`,
      };
    }
    return { outcome: 'ok', balance: collateral.balance, allowances: collateral.allowances, message: 'The Polymarket credentials work for this wallet, and the funder can trade.' };
  } catch (error) {
    if (isKeywardenError(error, 'REGION_BLOCKED')) return { outcome: 'region-blocked', message: error.message };
    if (isKeywardenError(error, 'KEY_REFUSED')) return { outcome: 'invalid-credentials', message: error.message };
    if (isKeywardenError(error)) return { outcome: 'unavailable', message: error.message };
    return { outcome: 'unavailable', message: 'Polymarket could not be checked: something unexpected went wrong.' };
  }
}

/** Refused credentials: are they another wallet's? Derive this wallet's own and compare the key id. */
async function refusedCredentials(input: PolymarketCheckInput): Promise<PolymarketCheckOutcome> {
  try {
    const own = await new PolymarketClobClient({ ...input, creds: undefined as never }).deriveApiKey();
    if (own.key !== input.creds.key) {
      return { outcome: 'credentials-of-another-wallet', message: 'These CLOB API credentials were not made for this wallet: derive them again from this key, or use the key of the wallet that made them.' };
    }
  } catch {
    // Deriving failed too: say what is known.
  }
  return { outcome: 'invalid-credentials', message: 'Polymarket refused these CLOB API credentials: check the key, secret and passphrase, or derive them again from the wallet.' };
}

function allowanceFor(allowances: Readonly<Record<string, string>>, spender: Address): string {
  const entry = Object.entries(allowances).find(([address]) => address.toLowerCase() === spender.toLowerCase());
  return entry?.[1] ?? '0';
}
