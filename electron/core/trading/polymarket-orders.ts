/**
 * Polymarket as a place Trading sends orders to (issue 18), loaded by polymarket-venue.ts when first used: the market read from a slug, link or
 * token id; the book and the account's pUSD or shares asked right before the gate decides; the
 * order signed (clob-order.ts) and its hash and body handed to Trading to record BEFORE it is
 * posted; answers and lookups by hash turned into the shape Trading applies to its order records
 * (ccxt's Order, which the exchange path already uses), so the risk gate, the order store, paper
 * mode, the kill switch and reconciliation stay one code path for every venue.
 */
import type { Order } from 'ccxt';
import type { Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Clock } from '../clock';
import type { CredentialInfo } from '../credentials/credential-schema';
import type { CredentialRepository } from '../credentials/credential-repository';
import { KeywardenError, isKeywardenError } from '../errors';
import { PolymarketClobClient, type TokenMarket } from '../polymarket/clob-client';
import { buildSignedOrder } from '../polymarket/clob-order';
import type { OpenOrder, PostOrderAnswer } from '../polymarket/clob-schemas';
import { gammaOutcomes, outcomeTokenId, readMarketReference } from '../polymarket/market-reference';
import { openPolymarketSession, POLYMARKET_CHAIN, type PolymarketConnection, type PolymarketSession } from '../polymarket/polymarket-accounts';
import type { DerivedCredentials } from '../polymarket/derived-credentials';
import type { PolymarketMarket, PolymarketPositions } from '../polymarket/polymarket-schema';
import { formatPusd } from '../key-lifecycle/polymarket-probe';
import type { FreeBalance } from './free-balance';
import type { MarketQuote, SizedOrder } from './order-sizing';
import { quoteOf, sizePolymarketOrder, type PolymarketPlan } from './polymarket-sizing';
import type { MarketSnapshot, OrderInfo, ParsedOrderIntent } from './trading-schema';

/** One outcome of one market, as an order needs it. */
export interface ResolvedOutcome {
  readonly tokenId: string;
  readonly outcome: string;
  readonly label: string;
  readonly market: TokenMarket;
  readonly question: string | null;
  readonly slug: string | null;
}

export interface PolymarketAssessment {
  readonly sized: SizedOrder;
  readonly quote: MarketQuote;
  readonly balance: FreeBalance | null;
  readonly plan: PolymarketPlan;
}

const PUSD = 1_000_000;

export class PolymarketOrders {
  readonly #credentials: CredentialRepository;
  readonly #connection: PolymarketConnection;
  readonly #derived: DerivedCredentials;
  readonly #clock: Clock;

  constructor(options: { credentials: CredentialRepository; connection: PolymarketConnection; derived: DerivedCredentials; clock: Clock }) {
    this.#credentials = options.credentials;
    this.#connection = options.connection;
    this.#derived = options.derived;
    this.#clock = options.clock;
  }

  /** A client for public reads (markets, books): they are not signed, so it holds a throwaway account, never a key of the person's. */
  #publicClient(): PolymarketClobClient {
    return new PolymarketClobClient({ chainId: POLYMARKET_CHAIN, account: privateKeyToAccount(generatePrivateKey()), timeoutMs: this.#connection.timeoutMs, ...this.#baseUrls() });
  }

  #baseUrls() {
    const url = this.#connection.baseUrl;
    return url ? { baseUrls: { clob: url, gamma: url, data: url } } : {};
  }

  /** The account's session: its key opened for this call only, its CLOB credentials typed or derived. */
  async session(credentialId: string): Promise<PolymarketSession> {
    const { info, secrets } = this.#credentials.getDecrypted(credentialId);
    return openPolymarketSession(secrets as Record<string, string>, this.#connection, this.#derived, info.fingerprint);
  }

  /** An outcome named by token id, or by a market's slug or link and the outcome's name. */
  async resolve(reference: string, outcome: string | undefined): Promise<ResolvedOutcome> {
    const client = this.#publicClient();
    const read = readMarketReference(reference);
    if (read.kind === 'token') {
      const market = await client.marketByToken(read.tokenId);
      const own = market.outcomes.find((entry) => entry.tokenId === read.tokenId);
      if (!own) throw new KeywardenError('MARKET_NOT_FOUND', 'Polymarket lists no outcome with this token id.');
      if (outcome !== undefined && outcome.trim().toLowerCase() !== own.outcome.trim().toLowerCase()) {
        throw new KeywardenError('INVALID_INPUT', `This token id is the outcome "${own.outcome}", not "${outcome.slice(0, 40)}". Name one of them, or leave the outcome out.`, { field: 'outcome' });
      }
      return { tokenId: read.tokenId, outcome: own.outcome, label: `${own.outcome} (token …${read.tokenId.slice(-6)})`, market, question: null, slug: null };
    }
    const slug = read.kind === 'slug' ? read.slug : read.eventSlug;
    const listed = await client.marketBySlug(slug);
    if (listed.closed === true) throw new KeywardenError('MARKET_NOT_FOUND', `The market "${slug.slice(0, 80)}" is closed: it takes no more orders.`);
    const outcomes = gammaOutcomes(listed);
    if (outcome === undefined) {
      throw new KeywardenError('INVALID_INPUT', `Name the outcome to trade: ${outcomes.map((entry) => entry.outcome).join(' or ')}.`, { field: 'outcome' });
    }
    const tokenId = outcomeTokenId(outcomes, outcome);
    const market = await client.marketByToken(tokenId);
    const name = outcomes.find((entry) => entry.tokenId === tokenId)!.outcome;
    return { tokenId, outcome: name, label: `${listed.slug} · ${name}`, market, question: listed.question ?? null, slug: listed.slug };
  }

  /** Everything the gate needs: the market, the book now and, for a real order, what the account holds of what it spends. */
  async assess(intent: ParsedOrderIntent, credential: CredentialInfo, checkBalance: boolean): Promise<PolymarketAssessment> {
    const resolved = await this.resolve(intent.symbol, intent.outcome);
    if (resolved.market.acceptingOrders === false) throw new KeywardenError('MARKET_NOT_FOUND', `${resolved.label} is not taking orders now (closed, paused or resolved).`);
    const book = await this.#publicClient().orderBook(resolved.tokenId);
    const { sized, plan, quote } = sizePolymarketOrder(intent, { ...resolved, tickSize: resolved.market.tickSize, negRisk: resolved.market.negRisk, minOrderSize: resolved.market.minOrderSize }, book);
    const balance = checkBalance ? await this.#freeBalance(credential.id, intent.side === 'buy' ? null : resolved) : null;
    return { sized, quote, balance, plan };
  }

  /** pUSD (buy) or the outcome's shares (sell) the funder holds, in whole units. */
  async #freeBalance(credentialId: string, shares: ResolvedOutcome | null): Promise<FreeBalance> {
    const session = await this.session(credentialId);
    const held = await session.client.balanceAllowance(shares === null ? { assetType: 'COLLATERAL', signatureType: session.signatureType } : { assetType: 'CONDITIONAL', tokenId: shares.tokenId, signatureType: session.signatureType });
    return { asset: shares === null ? 'pUSD' : `${shares.outcome} shares`, free: Number(held.balance) / PUSD };
  }

  /**
   * Signs the order and hands it to `record` (which must have written it to disk when it returns),
   * then posts it. A refusal is an answer, not an error; a post whose answer was lost is `unknown`.
   */
  async send(credentialId: string, plan: PolymarketPlan, side: 'buy' | 'sell', record: (orderHash: string, body: string) => void): Promise<SendOutcome> {
    const session = await this.session(credentialId);
    const signed = await buildSignedOrder({
      account: session.account,
      chainId: POLYMARKET_CHAIN,
      tokenId: plan.tokenId,
      side: side === 'buy' ? 'BUY' : 'SELL',
      price: plan.price,
      ...(plan.orderType === 'GTC' ? { size: plan.quantity } : { amount: plan.quantity }),
      orderType: plan.orderType,
      tickSize: plan.tickSize,
      negRisk: plan.negRisk,
      signatureType: session.signatureType,
      funder: session.funder,
      owner: session.creds.key,
      ...(plan.minOrderSize !== null ? { minOrderSize: plan.minOrderSize } : {}),
      timestamp: this.#clock.now(),
    });
    record(signed.orderHash, signed.body);
    return this.post(session, signed.orderHash, signed.body, side);
  }

  /** Posts a recorded signed order (again, after a crash: the same body, so it can only ever fill once). */
  async post(session: PolymarketSession, orderHash: string, body: string, side: 'buy' | 'sell'): Promise<SendOutcome> {
    try {
      const answer = await session.client.postOrder(body);
      if (answer.outcome === 'refused') return { kind: 'refused', message: refusalMessage(answer.error) };
      return { kind: 'answered', remote: remoteFromPost(orderHash, answer.answer, side) };
    } catch (error) {
      if (isKeywardenError(error, 'SERVICE_UNREACHABLE')) return { kind: 'unknown', message: `${error.message.replace(/[.]\s*$/, '')}; it is not known whether Polymarket got the order. Keywarden looks it up by its hash when it reconciles and never signs it twice.` };
      if (isKeywardenError(error)) return { kind: 'refused', message: error.message };
      throw error;
    }
  }

  /** Polymarket's copy of an order by its hash; undefined when Polymarket has none. */
  async find(order: Pick<OrderInfo, 'credentialId' | 'clientOrderId'>): Promise<Order | undefined> {
    const session = await this.session(order.credentialId);
    try {
      return remoteFromLookup(await session.client.order(order.clientOrderId));
    } catch (error) {
      if (isKeywardenError(error, 'ORDER_NOT_FOUND')) return undefined;
      throw error;
    }
  }

  async cancel(order: Pick<OrderInfo, 'credentialId' | 'clientOrderId'>): Promise<'canceled' | 'not-open'> {
    const session = await this.session(order.credentialId);
    const answer = await session.client.cancelOrder(order.clientOrderId);
    return answer.canceled.includes(order.clientOrderId) ? 'canceled' : 'not-open';
  }

  /** A market with each outcome's best prices now. */
  async market(reference: string): Promise<PolymarketMarket> {
    const client = this.#publicClient();
    const read = readMarketReference(reference);
    let outcomes: { tokenId: string; outcome: string }[];
    let question: string | null = null;
    let slug: string | null = null;
    if (read.kind === 'token') {
      outcomes = [...(await client.marketByToken(read.tokenId)).outcomes];
    } else {
      const listed = await client.marketBySlug(read.kind === 'slug' ? read.slug : read.eventSlug);
      outcomes = gammaOutcomes(listed);
      question = listed.question ?? null;
      slug = listed.slug;
    }
    const first = outcomes[0];
    if (!first) throw new KeywardenError('MARKET_NOT_FOUND', 'Polymarket lists no outcomes for this market.');
    const market = await client.marketByToken(first.tokenId);
    const priced = await Promise.all(outcomes.map(async (entry) => {
      const quote = await client.orderBook(entry.tokenId).then(quoteOf, () => null);
      return { outcome: entry.outcome, tokenId: entry.tokenId, bid: quote?.bid ?? null, ask: quote?.ask ?? null };
    }));
    return { question, slug, conditionId: market.conditionId, tickSize: market.tickSize, minOrderSize: market.minOrderSize, negRisk: market.negRisk, acceptingOrders: market.acceptingOrders, outcomes: priced };
  }

  async positions(credential: CredentialInfo): Promise<PolymarketPositions> {
    const session = await this.session(credential.id);
    const [collateral, held] = await Promise.all([
      session.client.balanceAllowance({ assetType: 'COLLATERAL', signatureType: session.signatureType }),
      session.client.positions(session.funder as Address),
    ]);
    return {
      credentialId: credential.id,
      label: credential.label,
      signer: session.account.address,
      funder: session.funder,
      pusd: formatPusd(collateral.balance),
      positions: held.filter((entry) => entry.size > 0).map((entry) => ({ tokenId: entry.asset, outcome: entry.outcome ?? null, title: entry.title ?? null, slug: entry.slug ?? null, size: entry.size, averagePrice: entry.avgPrice ?? null, currentPrice: entry.curPrice ?? null })),
    };
  }

  /** The Trade page's view of one outcome: the book now and what the account holds of it and of pUSD. */
  async snapshot(credential: CredentialInfo, symbol: string, outcome: string | undefined): Promise<MarketSnapshot> {
    const resolved = await this.resolve(symbol, outcome);
    const quote = quoteOf(await this.#publicClient().orderBook(resolved.tokenId));
    let balances: MarketSnapshot['balances'] = null;
    let balanceNote: string | null = `Verify "${credential.label}" to see its balance.`;
    if (credential.status === 'active') {
      try {
        const [pusd, shares] = await Promise.all([this.#freeBalance(credential.id, null), this.#freeBalance(credential.id, resolved)]);
        balances = { base: shares.free, quote: pusd.free };
        balanceNote = null;
      } catch (error) {
        if (!isKeywardenError(error)) throw error;
        balanceNote = error.message;
      }
    }
    return { symbol: resolved.label, base: `${resolved.outcome} shares`, quote: 'pUSD', ...quote, balances, balanceNote };
  }
}

export type SendOutcome =
  | { readonly kind: 'answered'; readonly remote: Order }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'unknown'; readonly message: string };

/** The CLOB's own words for why an order was refused, short, with what to do where it is clear. */
function refusalMessage(error: string): string {
  const text = error.slice(0, 200);
  if (/balance|allowance/i.test(text)) return `Polymarket refused the order: not enough pUSD or shares, or no allowance for the exchange (${text}).`;
  if (/fully filled|FOK|killed/i.test(text)) return `Polymarket killed the all-or-nothing order: the book could not fill it completely at the signed price (${text}). Nothing was bought or sold.`;
  return `Polymarket refused the order: ${text || 'no reason given'}.`;
}

/** A decimal from the CLOB's answer (a number as text, "" for none). */
const amountOf = (text: string | undefined): number => {
  const value = Number(text ?? '');
  return Number.isFinite(value) && value > 0 ? value : 0;
};

function remoteFromPost(orderHash: string, answer: PostOrderAnswer, side: 'buy' | 'sell'): Order {
  // makingAmount is what the maker gave, takingAmount what it got: pUSD for shares on a buy, the reverse on a sell.
  const making = amountOf(answer.makingAmount);
  const taking = amountOf(answer.takingAmount);
  const shares = side === 'buy' ? taking : making;
  const pusd = side === 'buy' ? making : taking;
  const status = answer.status.toLowerCase();
  const mapped = status === 'matched' ? 'closed' : status === 'unmatched' ? 'canceled' : 'open';
  return { id: answer.orderID || orderHash, status: mapped, filled: shares, cost: pusd, average: shares > 0 ? pusd / shares : undefined } as unknown as Order;
}

function remoteFromLookup(order: OpenOrder): Order {
  const status = order.status.toUpperCase();
  const filled = amountOf(order.size_matched);
  const mapped = status === 'LIVE' ? 'open' : status === 'MATCHED' ? 'closed' : status.startsWith('CANCELED') || status === 'INVALID' ? 'canceled' : 'open';
  return { id: order.id, status: mapped, filled, amount: amountOf(order.original_size), price: amountOf(order.price), average: filled > 0 ? amountOf(order.price) : undefined } as unknown as Order;
}
