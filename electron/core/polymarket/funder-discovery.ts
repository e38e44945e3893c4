/**
 * Where a key's pUSD really is (issue 18): an account added with its key alone is taken as a plain
 * wallet (type 0), but most people's funds sit at the Polymarket proxy of their email login, the
 * Gnosis Safe of their browser wallet, or their deposit wallet. When the plain wallet holds no pUSD,
 * the CLOB is asked for the balance of each of the others (it works out the address from the
 * signature type, as it does for orders), and the first that holds some is named, so the person can
 * set it as the funder instead of wondering why every buy is refused.
 */
import type { Address } from 'viem';
import type { PolymarketClobClient } from './clob-client';
import type { SignatureType } from './clob-order';
import { polymarketDepositWalletsOf, polymarketProxyOf, polymarketSafeOf } from './wallet-setup';

export interface FoundFunder {
  readonly signatureType: SignatureType;
  readonly address: Address;
  readonly kind: string;
  /** pUSD there, in 6-decimal base units. */
  readonly balance: string;
}

const candidates: readonly { readonly signatureType: SignatureType; readonly kind: string; readonly address: (eoa: Address) => Address }[] = [
  { signatureType: 1, kind: 'Polymarket proxy (email login)', address: polymarketProxyOf },
  { signatureType: 2, kind: 'Gnosis Safe (browser wallet)', address: polymarketSafeOf },
  { signatureType: 3, kind: 'deposit wallet', address: (eoa) => polymarketDepositWalletsOf(eoa)[0]! },
];

export async function findFunderWithPusd(client: PolymarketClobClient, eoa: Address): Promise<FoundFunder | null> {
  for (const candidate of candidates) {
    try {
      const held = await client.balanceAllowance({ assetType: 'COLLATERAL', signatureType: candidate.signatureType });
      if (BigInt(held.balance) > 0n) return { signatureType: candidate.signatureType, address: candidate.address(eoa), kind: candidate.kind, balance: held.balance };
    } catch {
      // A type this account cannot use answers with an error: not where the funds are.
    }
  }
  return null;
}
