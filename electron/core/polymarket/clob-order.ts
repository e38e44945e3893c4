/**
 * Builds and signs a CLOB V2 order exactly as @polymarket/clob-client-v2 does
 * (src/order-builder/helpers/createOrder.ts, createMarketOrder.ts, src/order-utils/exchangeOrderBuilderV2.ts,
 * src/types/ordersV2.ts), so the body we POST to /order is byte for byte the official client's.
 * V1 orders are not built: the CLOB refuses them since 28 April 2026.
 */
import { randomInt } from 'node:crypto';
import { encodeAbiParameters, hashTypedData, keccak256, toHex, type Address, type Hex, type LocalAccount } from 'viem';
import { KeywardenError } from '../errors';
import { limitOrderAmounts, marketOrderAmounts, readDecimal, type OrderAmounts, type TickSize } from './clob-amounts';
import { polymarketContracts, type PolymarketChainId } from './polymarket-contracts';

export type OrderSide = 'BUY' | 'SELL';
export type ClobOrderType = 'GTC' | 'GTD' | 'FOK' | 'FAK';
/** 0 EOA, 1 Polymarket proxy, 2 Gnosis Safe, 3 deposit wallet (EIP-1271). */
export type SignatureType = 0 | 1 | 2 | 3;
export type OrderVersion = 2 | 3;

const BYTES32_ZERO: Hex = '0x0000000000000000000000000000000000000000000000000000000000000000';
const DOMAIN_NAME = 'Polymarket CTF Exchange';

const ORDER_STRUCT = [
  { name: 'salt', type: 'uint256' },
  { name: 'maker', type: 'address' },
  { name: 'signer', type: 'address' },
  { name: 'tokenId', type: 'uint256' },
  { name: 'makerAmount', type: 'uint256' },
  { name: 'takerAmount', type: 'uint256' },
  { name: 'side', type: 'uint8' },
  { name: 'signatureType', type: 'uint8' },
  { name: 'timestamp', type: 'uint256' },
  { name: 'metadata', type: 'bytes32' },
  { name: 'builder', type: 'bytes32' },
] as const;

const ORDER_TYPE_STRING =
  'Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,bytes32 builder)';

export interface OrderDomain {
  readonly name: string;
  readonly version: '2' | '3';
  readonly chainId: number;
  readonly verifyingContract: Address;
}

/** The signed fields of a V2 order (what the EIP-712 Order struct holds), amounts in base units. */
export interface SignedOrderFields {
  readonly salt: number;
  readonly maker: Address;
  readonly signer: Address;
  readonly tokenId: string;
  readonly makerAmount: string;
  readonly takerAmount: string;
  readonly side: OrderSide;
  readonly signatureType: SignatureType;
  readonly timestamp: string;
  readonly metadata: Hex;
  readonly builder: Hex;
}

export interface ClobOrderRequest {
  /** The signing wallet (the EOA that owns the funder). */
  readonly account: LocalAccount;
  readonly chainId: PolymarketChainId;
  /** The outcome token (decimal uint256). */
  readonly tokenId: string;
  readonly side: OrderSide;
  /** The limit price; for FOK/FAK the worst price accepted. A decimal string on the market's tick. */
  readonly price: string;
  /** GTC/GTD: shares to buy or sell. */
  readonly size?: string;
  /** FOK/FAK: pUSD to spend on a buy, shares to sell on a sell. */
  readonly amount?: string;
  readonly orderType: ClobOrderType;
  readonly tickSize: TickSize;
  readonly negRisk: boolean;
  /** Defaults to what the token id says (orderVersionFor). */
  readonly version?: OrderVersion;
  readonly signatureType: SignatureType;
  /** The address holding the funds; the signer's own address when absent. */
  readonly funder?: Address;
  /** The CLOB API key (`owner` in the body). */
  readonly owner: string;
  /** GTD only: unix seconds after which the order lapses. */
  readonly expiration?: number;
  /** The market's minimum order size in shares, refused below it. */
  readonly minOrderSize?: string;
  readonly postOnly?: boolean;
  readonly deferExec?: boolean;
  /** Milliseconds since the epoch; default now. */
  readonly timestamp?: number;
  /** A whole number below 2^53; default random (the body carries it as a JSON number). */
  readonly salt?: number;
}

export interface SignedClobOrder {
  /** The JSON the official client POSTs to /order, as sent (and as the L2 signature must cover). */
  readonly body: string;
  readonly orderHash: Hex;
  readonly domain: OrderDomain;
  readonly amounts: OrderAmounts;
}

/**
 * Which exchange a token trades on. Tokens of the newer position protocol have the 64 reserved bits
 * (40–103) of their id clear and go to the version-3 exchange; registered CTF token ids (keccak
 * hashes) do not, and go to V2. As Polymarket/ts-sdk decides it (createOrderRouting, isV2PositionId).
 */
export function orderVersionFor(tokenId: string): OrderVersion {
  const reserved = ((1n << 64n) - 1n) << 40n;
  return (BigInt(tokenId) & reserved) === 0n ? 3 : 2;
}

/** The EIP-712 domain an order for this market is signed under. */
export function orderDomain(chainId: PolymarketChainId, version: OrderVersion, negRisk: boolean): OrderDomain {
  const contracts = polymarketContracts(chainId);
  const verifyingContract = version === 3 ? contracts.exchangeV3 : negRisk ? contracts.negRiskExchangeV2 : contracts.exchangeV2;
  return { name: DOMAIN_NAME, version: version === 3 ? '3' : '2', chainId, verifyingContract };
}

/** The order's EIP-712 hash under its exchange's domain (the order id the CLOB reports). */
export function orderHashOf(order: SignedOrderFields, domain: OrderDomain): Hex {
  return hashTypedData({ domain, types: { Order: ORDER_STRUCT }, primaryType: 'Order', message: typedMessage(order) });
}

export async function buildSignedOrder(request: ClobOrderRequest): Promise<SignedClobOrder> {
  const tokenId = readTokenId(request.tokenId);
  const amounts = orderAmounts(request);
  const version = request.version ?? orderVersionFor(tokenId);
  const domain = orderDomain(request.chainId, version, request.negRisk);
  const maker = request.funder ?? request.account.address;
  const fields: SignedOrderFields = {
    salt: request.salt ?? randomInt(1, 2 ** 48),
    maker,
    // A deposit wallet signs for itself (EIP-1271); every other type is signed by the EOA.
    signer: request.signatureType === 3 ? maker : request.account.address,
    tokenId,
    makerAmount: amounts.makerAmount,
    takerAmount: amounts.takerAmount,
    side: request.side,
    signatureType: request.signatureType,
    timestamp: `${request.timestamp ?? Date.now()}`,
    metadata: BYTES32_ZERO,
    builder: BYTES32_ZERO,
  };
  if (!Number.isSafeInteger(fields.salt) || fields.salt < 0) throw new KeywardenError('INVALID_INPUT', 'The order salt must be a whole number below 2^53.');
  const signature = await signOrder(request.account, fields, domain);
  const body = JSON.stringify({
    deferExec: request.deferExec ?? false,
    postOnly: request.postOnly ?? false,
    order: {
      salt: fields.salt,
      maker: fields.maker,
      signer: fields.signer,
      tokenId: fields.tokenId,
      makerAmount: fields.makerAmount,
      takerAmount: fields.takerAmount,
      side: fields.side,
      signatureType: fields.signatureType,
      timestamp: fields.timestamp,
      expiration: `${expirationOf(request)}`,
      metadata: fields.metadata,
      builder: fields.builder,
      signature,
    },
    owner: request.owner,
    orderType: request.orderType,
  });
  return { body, orderHash: orderHashOf(fields, domain), domain, amounts };
}

function orderAmounts(request: ClobOrderRequest): OrderAmounts {
  const market = request.orderType === 'FOK' || request.orderType === 'FAK';
  if (request.postOnly === true && market) throw new KeywardenError('INVALID_INPUT', 'A post-only order cannot be fill-or-kill or fill-and-kill.');
  if (market) {
    if (request.amount === undefined || request.size !== undefined) {
      throw new KeywardenError('INVALID_INPUT', 'A FOK or FAK order takes an amount (pUSD to spend on a buy, shares to sell), not a size.');
    }
    const amounts = marketOrderAmounts(request.side, request.amount, request.price, request.tickSize);
    if (request.side === 'SELL') checkMinimum(amounts.shares, request.minOrderSize);
    return amounts;
  }
  if (request.size === undefined || request.amount !== undefined) {
    throw new KeywardenError('INVALID_INPUT', 'A GTC or GTD order takes a size in shares, not an amount.');
  }
  const amounts = limitOrderAmounts(request.side, request.size, request.price, request.tickSize);
  checkMinimum(amounts.shares, request.minOrderSize);
  return amounts;
}

function checkMinimum(shares: string, minimum: string | undefined): void {
  if (minimum === undefined) return;
  const have = readDecimal(shares, 'size');
  const need = readDecimal(minimum, 'minimum order size');
  const scale = Math.max(have.scale, need.scale);
  if (have.units * 10n ** BigInt(scale - have.scale) < need.units * 10n ** BigInt(scale - need.scale)) {
    throw new KeywardenError('ORDER_TOO_SMALL', `This market's smallest order is ${minimum} shares; this one is ${shares}.`);
  }
}

function expirationOf(request: ClobOrderRequest): number {
  if (request.orderType !== 'GTD') {
    if (request.expiration !== undefined && request.expiration !== 0) throw new KeywardenError('INVALID_INPUT', 'Only a GTD order has an expiration.');
    return 0;
  }
  const expiration = request.expiration;
  if (expiration === undefined || !Number.isSafeInteger(expiration) || expiration <= 0) {
    throw new KeywardenError('INVALID_INPUT', 'A GTD order needs an expiration time (unix seconds).');
  }
  return expiration;
}

function readTokenId(text: string): string {
  if (!/^(0|[1-9]\d{0,77})$/.test(text) || BigInt(text) >= 1n << 256n) {
    throw new KeywardenError('INVALID_INPUT', 'The outcome token id must be a decimal number (uint256), as Polymarket lists it.');
  }
  return text;
}

function typedMessage(order: SignedOrderFields) {
  return {
    salt: BigInt(order.salt),
    maker: order.maker,
    signer: order.signer,
    tokenId: BigInt(order.tokenId),
    makerAmount: BigInt(order.makerAmount),
    takerAmount: BigInt(order.takerAmount),
    side: order.side === 'BUY' ? 0 : 1,
    signatureType: order.signatureType,
    timestamp: BigInt(order.timestamp),
    metadata: order.metadata,
    builder: order.builder,
  };
}

/** The signature of already-built order fields: EIP-712 by the EOA, or wrapped for a deposit wallet (type 3). */
export async function signOrder(account: LocalAccount, order: SignedOrderFields, domain: OrderDomain): Promise<Hex> {
  const message = typedMessage(order);
  if (order.signatureType !== 3) {
    return account.signTypedData({ domain, types: { Order: ORDER_STRUCT }, primaryType: 'Order', message });
  }
  return depositWalletSignature(account, message, domain);
}

/**
 * A deposit wallet's (EIP-1271) order signature, as buildOrderSignature builds it for POLY_1271: the
 * owner signs an ERC-7739 TypedDataSign wrapping the order for the wallet, and the exchange is given
 * that signature followed by its domain separator, the order's struct hash, the type string and its length.
 */
async function depositWalletSignature(account: LocalAccount, message: ReturnType<typeof typedMessage>, domain: OrderDomain): Promise<Hex> {
  const domainSeparator = keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint256' }, { type: 'address' }],
      [
        keccak256(toHex('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)')),
        keccak256(toHex(domain.name)),
        keccak256(toHex(domain.version)),
        BigInt(domain.chainId),
        domain.verifyingContract,
      ],
    ),
  );
  const contentsHash = keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, ...ORDER_STRUCT.map((field) => ({ type: field.type }))],
      [
        keccak256(toHex(ORDER_TYPE_STRING)),
        message.salt,
        message.maker,
        message.signer,
        message.tokenId,
        message.makerAmount,
        message.takerAmount,
        message.side,
        message.signatureType,
        message.timestamp,
        message.metadata,
        message.builder,
      ],
    ),
  );
  const inner = await account.signTypedData({
    domain,
    types: {
      TypedDataSign: [
        { name: 'contents', type: 'Order' },
        { name: 'name', type: 'string' },
        { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
        { name: 'salt', type: 'bytes32' },
      ],
      Order: ORDER_STRUCT,
    },
    primaryType: 'TypedDataSign',
    message: { contents: message, name: 'DepositWallet', version: '1', chainId: BigInt(domain.chainId), verifyingContract: message.signer, salt: BYTES32_ZERO },
  });
  const typeLength = ORDER_TYPE_STRING.length.toString(16).padStart(4, '0');
  return `0x${inner.slice(2)}${domainSeparator.slice(2)}${contentsHash.slice(2)}${toHex(ORDER_TYPE_STRING).slice(2)}${typeLength}`;
}
