/**
 * The body of POST /order as the official client sends it (src/types/ordersV2.ts orderToJsonV2), read with
 * one zod schema, and the order's EIP-712 check: which exchange's domain it must be signed for, who signed
 * it, and its hash (the order id the client can compute itself).
 */
import { getAddress, hashTypedData, isAddress, isHex, recoverTypedDataAddress } from 'viem';
import { z } from 'zod';
import { orderDomain, orderTypes } from './contracts';
import type { FakeClobMarketVersion } from './types';

const address = z.string().refine((value) => isAddress(value, { strict: false }));
const uint = z.string().regex(/^\d{1,78}$/);
const bytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/);

export const signedOrderSchema = z.object({
  salt: z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), uint]),
  maker: address,
  signer: address,
  taker: address.optional(),
  tokenId: uint,
  makerAmount: uint,
  takerAmount: uint,
  side: z.enum(['BUY', 'SELL']),
  signatureType: z.number().int().min(0).max(3),
  timestamp: uint,
  expiration: uint.optional(),
  metadata: bytes32,
  builder: bytes32,
  signature: z.string().refine((value) => isHex(value)),
});

export const orderPayloadSchema = z.object({
  order: signedOrderSchema,
  owner: z.string().min(1),
  orderType: z.enum(['GTC', 'GTD', 'FOK', 'FAK']),
  postOnly: z.boolean().optional(),
  deferExec: z.boolean().optional(),
});

export type OrderPayload = z.infer<typeof orderPayloadSchema>;
export type SignedOrder = z.infer<typeof signedOrderSchema>;

/** A V1 order (nonce, feeRateBps, no timestamp/metadata/builder): what CLOB V2 no longer takes. */
export function looksLikeV1(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const order = (raw as { order?: unknown }).order;
  if (typeof order !== 'object' || order === null) return false;
  return 'nonce' in order || 'feeRateBps' in order || !('timestamp' in order);
}

function typedData(order: SignedOrder, chainId: number, version: FakeClobMarketVersion, exchange: `0x${string}`) {
  return {
    domain: orderDomain(chainId, version, exchange),
    types: orderTypes,
    primaryType: 'Order',
    message: {
      salt: BigInt(order.salt),
      maker: getAddress(order.maker),
      signer: getAddress(order.signer),
      tokenId: BigInt(order.tokenId),
      makerAmount: BigInt(order.makerAmount),
      takerAmount: BigInt(order.takerAmount),
      side: order.side === 'BUY' ? 0 : 1,
      signatureType: order.signatureType,
      timestamp: BigInt(order.timestamp),
      metadata: order.metadata as `0x${string}`,
      builder: order.builder as `0x${string}`,
    },
  } as const;
}

/** The EIP-712 hash of the order on `exchange`'s domain: the order id. */
export function orderHash(order: SignedOrder, chainId: number, version: FakeClobMarketVersion, exchange: `0x${string}`): `0x${string}` {
  return hashTypedData(typedData(order, chainId, version, exchange));
}

/** The address that signed the order for `exchange`'s domain, or undefined when the signature does not parse. */
export async function orderSigner(order: SignedOrder, chainId: number, version: FakeClobMarketVersion, exchange: `0x${string}`): Promise<string | undefined> {
  try {
    return await recoverTypedDataAddress({ ...typedData(order, chainId, version, exchange), signature: order.signature as `0x${string}` });
  } catch {
    return undefined;
  }
}
