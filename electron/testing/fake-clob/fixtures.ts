/** Markets, accounts and official-client set-up shared by the fake CLOB's tests (and usable by others). */
import { Chain, ClobClient, type ApiKeyCreds } from '@polymarket/clob-client-v2';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { polygon } from 'viem/chains';
import type { FakeClobMarketSpec } from './types';

/** Hardhat accounts #0 and #1: public test keys, never funded anywhere real. */
export const hardhat0 = { key: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80', address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' } as const;
export const hardhat1 = { key: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d', address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' } as const;

const conditionId = (digit: string): string => `0x${digit.repeat(64)}`;

/**
 * Token ids as Polymarket has them: a registered CTF position id is a keccak hash (the V2
 * exchanges), while a position-protocol token keeps bits 40–103 clear (the V3 exchange); clients
 * pick the exchange from the id (polymarket/clob-order.ts orderVersionFor), so the fixtures' ids
 * must agree with their markets' versions.
 */

export const plainMarket: FakeClobMarketSpec = {
  slug: 'will-it-rain-tomorrow',
  conditionId: conditionId('a'),
  question: 'Will it rain tomorrow?',
  tokens: [
    { tokenId: '71321045679252212594626385532706912750332728571942532289631379312455583992563', outcome: 'Yes', bids: [{ price: '0.45', size: '100' }, { price: '0.44', size: '50' }], asks: [{ price: '0.5', size: '20' }, { price: '0.52', size: '30' }] },
    { tokenId: '52114319501245915516055106046884209969926127482827954674443846427813813222426', outcome: 'No', bids: [{ price: '0.48', size: '100' }], asks: [{ price: '0.55', size: '100' }] },
  ],
  tickSize: '0.01',
  minOrderSize: '5',
};

export const negRiskMarket: FakeClobMarketSpec = {
  slug: 'who-wins-the-race-alice',
  conditionId: conditionId('b'),
  tokens: [
    { tokenId: '48331043336612883890938759509493159234755048973500640148014422747788308965732', outcome: 'Yes', asks: [{ price: '0.3', size: '100' }] },
    { tokenId: '21742633143463906290569050155826241533067272736897614950488156847949938836455', outcome: 'No', bids: [{ price: '0.6', size: '100' }] },
  ],
  tickSize: '0.01',
  negRisk: true,
};

export const v3Market: FakeClobMarketSpec = {
  slug: 'position-protocol-market',
  conditionId: conditionId('c'),
  tokens: [
    { tokenId: '3001', outcome: 'Yes', asks: [{ price: '0.2', size: '10' }] },
    { tokenId: '3002', outcome: 'No', bids: [{ price: '0.7', size: '40' }] },
  ],
  tickSize: '0.01',
  version: 3,
};

export const markets = [plainMarket, negRiskMarket, v3Market];

export function walletOf(key: `0x${string}`) {
  return createWalletClient({ account: privateKeyToAccount(key), chain: polygon, transport: http('http://127.0.0.1:9') });
}

/** The official client pointed at the fake. */
export function officialClient(url: string, key: `0x${string}`, creds?: ApiKeyCreds, signatureType?: number, funderAddress?: string): ClobClient {
  return new ClobClient({ host: url, chain: Chain.POLYGON, signer: walletOf(key), creds, signatureType, funderAddress } as ConstructorParameters<typeof ClobClient>[0]);
}

/** The official client hands refusals back as values ({ error, status }) typed as its success shape. */
export function errorOf(answer: unknown): string | undefined {
  const error = typeof answer === 'object' && answer !== null ? (answer as { error?: unknown }).error : undefined;
  return typeof error === 'string' ? error : undefined;
}
