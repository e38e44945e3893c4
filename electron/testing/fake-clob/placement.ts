/**
 * Placing one order as the CLOB V2 does: the payload, the API key's ownership, the EIP-712 signature for the
 * market's exchange, the market's rules (tick, minimum size), duplicates, balance and allowance, then the
 * matching rules of GTC / GTD / FOK / FAK. Refusals carry the real error texts
 * (docs.polymarket.com/resources/error-codes).
 */
import { getAddress } from 'viem';
import { fromUnits, onTick, ratioOfDecimal, ratioToDecimal, toUnits, type Ratio } from './amounts';
import type { ApiCreds } from './auth';
import { exchangeFor, type ChainContracts } from './contracts';
import type { Ledger } from './ledger';
import { looksLikeV1, orderHash, orderPayloadSchema, orderSigner } from './order-payload';
import type { FakeClobAccountSpec } from './types';

export interface PlacementAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface PlacementContext {
  readonly ledger: Ledger;
  readonly contracts: ChainContracts;
  readonly chainId: number;
  readonly accounts: readonly FakeClobAccountSpec[];
  readonly now: () => number;
  readonly newTrade: (orderId: string) => { tradeId: string; transactionHash: string };
}

const refuse = (error: string, status = 400): PlacementAnswer => ({ status, body: { error } });

export async function placeOrder(raw: unknown, creds: ApiCreds, context: PlacementContext): Promise<PlacementAnswer> {
  const { ledger, contracts, chainId } = context;
  if (looksLikeV1(raw)) return refuse('order_version_mismatch');
  const parsed = orderPayloadSchema.safeParse(raw);
  if (!parsed.success) return refuse('Invalid order payload');
  const { order, owner, orderType, postOnly } = parsed.data;

  if (owner !== creds.apiKey) return refuse('the order owner has to be the owner of the API KEY');
  if (getAddress(order.signer) !== creds.address) return refuse('the order signer address has to be the address of the API KEY');
  const account = context.accounts.find((candidate) => getAddress(candidate.address) === creds.address);
  const funder = getAddress(account?.funder ?? creds.address);
  if (getAddress(order.maker) !== funder || order.signatureType !== (account?.signatureType ?? 0)) {
    return refuse('the order owner has to be the owner of the API KEY');
  }

  const info = ledger.token(order.tokenId);
  if (!info) return refuse('market not found', 404);
  const { market, token } = info;
  const version = market.version ?? 2;
  const exchange = exchangeFor(contracts, version, market.negRisk ?? false);
  const signer = await orderSigner(order, chainId, version, exchange);
  if (signer === undefined || signer !== creds.address) return refuse('invalid signature');
  const id = orderHash(order, chainId, version, exchange);

  if (market.acceptingOrders === false) return refuse('the market is not yet ready to process new orders');
  if (postOnly && (orderType === 'FOK' || orderType === 'FAK')) return refuse('invalid post-only order: only GTC and GTD order types are allowed');
  const expiration = order.expiration ?? '0';
  if (orderType === 'GTD' && BigInt(expiration) <= BigInt(Math.floor(context.now() / 1000))) return refuse('invalid expiration');

  const makerAmount = BigInt(order.makerAmount);
  const takerAmount = BigInt(order.takerAmount);
  if (makerAmount === 0n || takerAmount === 0n) return refuse('Invalid order payload');
  const buying = order.side === 'BUY';
  const shares = buying ? takerAmount : makerAmount;
  const price: Ratio = buying ? { num: makerAmount, den: takerAmount } : { num: takerAmount, den: makerAmount };
  const tickText = market.tickSize ?? '0.01';
  const tick = ratioOfDecimal(tickText);
  // Market orders (FOK/FAK) carry an amount-derived price; only resting limit orders must sit on the tick.
  if ((orderType === 'GTC' || orderType === 'GTD') && !onTick(price, tick)) {
    return refuse(`order ${id} is invalid. Price (${ratioToDecimal(price)}) breaks minimum tick size rule: ${tickText}`);
  }
  const minSize = market.minOrderSize ?? '5';
  if ((orderType === 'GTC' || orderType === 'GTD') && shares < toUnits(minSize)) {
    return refuse(`order ${id} is invalid. Size (${fromUnits(shares)}) lower than the minimum: ${minSize}`);
  }
  if (ledger.orders.has(id)) return refuse(`order ${id} is invalid. Duplicated.`);
  if (!ledger.canSpend(funder, order.side, order.tokenId, makerAmount, exchange)) return refuse('not enough balance / allowance');

  const available = ledger.available(order.tokenId, order.side, price);
  if (postOnly && available > 0n) return refuse('invalid post-only order: order crosses book');
  if (orderType === 'FOK' && available < shares) return refuse("order couldn't be fully filled. FOK orders are fully filled or killed.");
  if (orderType === 'FAK' && available === 0n) {
    return refuse('no orders found to match with FAK order. FAK orders are partially filled or killed if no match is found.');
  }

  const fill = ledger.fill(funder, order.tokenId, order.side, price, shares, makerAmount);
  const rests = (orderType === 'GTC' || orderType === 'GTD') && fill.shares < shares;
  ledger.orders.set(id, {
    id,
    owner: creds.apiKey,
    apiKey: creds.apiKey,
    maker: funder,
    signer: creds.address,
    tokenId: order.tokenId,
    conditionId: market.conditionId,
    outcome: token.outcome,
    side: order.side,
    orderType,
    price: ratioToDecimal(price),
    originalShares: shares,
    matchedShares: fill.shares,
    status: rests ? 'LIVE' : fill.shares > 0n ? 'MATCHED' : 'CANCELED',
    expiration,
    createdAt: Math.floor(context.now() / 1000),
    exchange,
  });
  const trade = fill.shares > 0n ? context.newTrade(id) : undefined;
  const gave = buying ? fill.pusd : fill.shares;
  const got = buying ? fill.shares : fill.pusd;
  return {
    status: 200,
    body: {
      success: true,
      errorMsg: '',
      orderID: id,
      status: rests ? 'live' : 'matched',
      makingAmount: fill.shares > 0n ? fromUnits(gave) : '',
      takingAmount: fill.shares > 0n ? fromUnits(got) : '',
      // With the hashes present the official client does not poll /data/trades for them.
      transactionsHashes: trade ? [trade.transactionHash] : [],
      tradeIDs: trade ? [trade.tradeId] : [],
    },
  };
}
