/**
 * Which signature type a signing wallet (EOA) uses for a funder address, found by deriving the
 * funder each Polymarket wallet kind would have for this EOA (CREATE2), as Polymarket/py-sdk's
 * classify_wallet_type does (src/polymarket/_internal/wallet.py, constants in src/polymarket/environments.py):
 * - proxy (type 1): factory 0xaB45…4052, init-code hash from Polymarket/builder-relayer-client
 *   src/constants/index.ts (PROXY_INIT_CODE_HASH), salt keccak256(encodePacked(address));
 * - Gnosis Safe (type 2): factory 0xaacF…541b, SAFE_INIT_CODE_HASH, salt keccak256(abi.encode(address));
 * - deposit wallet (type 3): factory 0x0000…Cc07, an ERC-1967 proxy (UUPS implementation or beacon)
 *   whose immutable args are abi.encode(factory, bytes32(owner)), salt keccak256(args).
 * Polygon only: the proxy factory does not exist on Amoy, and the deposit wallet's constants are
 * Polygon's, so on Amoy only EOA and Safe can be recognised and anything else is `unknown`.
 */
import { concat, encodeAbiParameters, encodePacked, getAddress, getContractAddress, isAddress, isAddressEqual, keccak256, pad, toHex, type Address, type Hex } from 'viem';
import { KeywardenError } from '../errors';
import type { SignatureType } from './clob-order';
import type { PolymarketChainId } from './polymarket-contracts';

const PROXY_FACTORY: Address = '0xaB45c5A4B0c941a2F231C04C3f49182e1A254052';
const PROXY_INIT_CODE_HASH: Hex = '0xd21df8dc65880a8606f09fe0ce3df9b8869287ab0b058be05aa9e8af6330a00b';
const SAFE_FACTORY: Address = '0xaacFeEa03eb1561C4e67d661e40682Bd20E3541b';
const SAFE_INIT_CODE_HASH: Hex = '0x2bce2127ff07fb632d16c8347c4ebf501f4841168bed00d9e6ef715ddb6fcecf';
const DEPOSIT_WALLET_FACTORY: Address = '0x00000000000Fb5C9ADea0298D729A0CB3823Cc07';
const DEPOSIT_WALLET_IMPLEMENTATION: Address = '0x58CA52ebe0DadfdF531Cde7062e76746de4Db1eB';
const DEPOSIT_WALLET_BEACON: Address = '0x7A18EDfe055488A3128f01F563e5B479D92ffc3a';

export type WalletSetup =
  | { readonly outcome: 'matched'; readonly signatureType: SignatureType; readonly funder: Address; readonly kind: 'eoa' | 'proxy' | 'safe' | 'deposit-wallet' }
  | { readonly outcome: 'funder-mismatch'; readonly message: string; readonly candidates: Readonly<Partial<Record<'proxy' | 'safe' | 'deposit-wallet', Address>>> }
  | { readonly outcome: 'unknown'; readonly message: string };

/** The Polymarket proxy wallet (type 1) a Magic / email-login EOA trades through. */
export function polymarketProxyOf(eoa: Address): Address {
  return getContractAddress({ opcode: 'CREATE2', from: PROXY_FACTORY, salt: keccak256(encodePacked(['address'], [eoa])), bytecodeHash: PROXY_INIT_CODE_HASH });
}

/** The Gnosis Safe (type 2) a browser-wallet EOA trades through. */
export function polymarketSafeOf(eoa: Address): Address {
  return getContractAddress({ opcode: 'CREATE2', from: SAFE_FACTORY, salt: keccak256(encodeAbiParameters([{ type: 'address' }], [eoa])), bytecodeHash: SAFE_INIT_CODE_HASH });
}

/** Both addresses a deposit wallet (type 3) may have: the factory deployed UUPS proxies first, beacon proxies now. */
export function polymarketDepositWalletsOf(eoa: Address): readonly Address[] {
  const args = encodeAbiParameters([{ type: 'address' }, { type: 'bytes32' }], [DEPOSIT_WALLET_FACTORY, pad(eoa, { size: 32 })]);
  const salt = keccak256(args);
  const argsLength = BigInt((args.length - 2) / 2) << 56n;
  const uups = concat([
    toHex(0x61003d3d8160233d3973n + argsLength, { size: 10 }),
    DEPOSIT_WALLET_IMPLEMENTATION,
    '0x6009',
    '0x5155f3363d3d373d3d363d7f360894a13ba1a3210667c828492db98dca3e2076',
    '0xcc3735a920a3ca505d382bbc545af43d6000803e6038573d6000fd5b3d6000f3',
    args,
  ]);
  const beacon = concat([
    toHex(0x6100523d8160233d3973n + argsLength, { size: 10 }),
    DEPOSIT_WALLET_BEACON,
    '0x60195155f3363d3d373d3d363d602036600436635c60da',
    '0x1b60e01b36527fa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6c',
    '0xb3582b35133d50545afa5036515af43d6000803e604d573d6000fd5b3d6000f3',
    args,
  ]);
  return [beacon, uups].map((bytecode) => getContractAddress({ opcode: 'CREATE2', from: DEPOSIT_WALLET_FACTORY, salt, bytecodeHash: keccak256(bytecode) }));
}

/** The signature type for this EOA and funder; no funder means the EOA trades for itself (type 0). */
export function walletSetup(eoa: Address, funderText: string | undefined, chainId: PolymarketChainId): WalletSetup {
  if (funderText === undefined || funderText.trim() === '') return { outcome: 'matched', signatureType: 0, funder: eoa, kind: 'eoa' };
  if (!isAddress(funderText.trim(), { strict: false })) {
    throw new KeywardenError('MALFORMED_FIELD', 'The funder address must be 0x followed by 40 hexadecimal characters.', { field: 'funderAddress' });
  }
  const funder = getAddress(funderText.trim());
  if (isAddressEqual(funder, eoa)) return { outcome: 'matched', signatureType: 0, funder, kind: 'eoa' };
  const safe = polymarketSafeOf(eoa);
  if (isAddressEqual(funder, safe)) return { outcome: 'matched', signatureType: 2, funder, kind: 'safe' };
  if (chainId !== 137) {
    return { outcome: 'unknown', message: 'On the Amoy test network Keywarden can only recognise an EOA or Gnosis Safe funder; check the signature type by hand.' };
  }
  const proxy = polymarketProxyOf(eoa);
  if (isAddressEqual(funder, proxy)) return { outcome: 'matched', signatureType: 1, funder, kind: 'proxy' };
  const deposits = polymarketDepositWalletsOf(eoa);
  if (deposits.some((address) => isAddressEqual(funder, address))) return { outcome: 'matched', signatureType: 3, funder, kind: 'deposit-wallet' };
  return {
    outcome: 'funder-mismatch',
    message:
      'This private key cannot sign for that funder address. A key exported from an email-login (Magic) wallet signs for its own Polymarket proxy ' +
      `(${proxy}); a browser wallet signs for its Gnosis Safe (${safe}); a newer account for its deposit wallet (${deposits[0]}). ` +
      'Copy the funder address shown on polymarket.com under your profile, and the key of the wallet that created that account.',
    candidates: { proxy, safe, 'deposit-wallet': deposits[0]! },
  };
}
