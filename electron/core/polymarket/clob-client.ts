/**
 * Our own client for the Polymarket CLOB (and the gamma and data APIs around it): the calls
 * Keywarden needs, over polymarket-request's bounded HTTP, each answer checked by its schema.
 * Requests are the official client's (@polymarket/clob-client-v2 src/client.ts): the same paths,
 * query names and signed paths (the query is never signed).
 * Failures: SERVICE_UNREACHABLE, REGION_BLOCKED, MARKET_NOT_FOUND from the HTTP layer or here;
 * a 401/403 on an L2 call is KEY_REFUSED (`apiKeys` gives it as an outcome instead).
 */
import type { Address, LocalAccount } from 'viem';
import { z } from 'zod';
import { KeywardenError } from '../errors';
import { clobTimestamp, l1Headers, l2Headers, type ClobCredentials } from './clob-auth';
import { polymarketRequest, type HttpAnswer, type HttpCall, type PolymarketHttpOptions } from './clob-http';
import type { SignatureType } from './clob-order';
import {
  apiCredentialsAnswer,
  apiKeysAnswer,
  balanceAllowanceAnswer,
  cancelAnswer,
  clobMarketAnswer,
  errorAnswer,
  gammaMarket,
  marketByTokenAnswer,
  negRiskAnswer,
  openOrdersPage,
  orderBookAnswer,
  position,
  postOrderAnswer,
  tickSizeAnswer,
  type BalanceAllowance,
  type GammaMarket,
  type OpenOrder,
  type OrderBook,
  type Position,
  type PostOrderAnswer,
} from './clob-schemas';
import type { PolymarketChainId } from './polymarket-contracts';

export interface ClobClientOptions extends PolymarketHttpOptions {
  readonly chainId: PolymarketChainId;
  /** The signing wallet: L1 calls sign with it, L2 calls name its address. */
  readonly account: LocalAccount;
  readonly creds?: ClobCredentials;
  /** Seconds since the epoch for auth headers; default the local clock. */
  readonly now?: () => number;
}

export type ApiKeysOutcome = { readonly outcome: 'ok'; readonly keys: readonly string[] } | { readonly outcome: 'invalid-credentials'; readonly httpStatus: number };

export type PostOrderOutcome =
  | { readonly outcome: 'accepted'; readonly answer: PostOrderAnswer }
  | { readonly outcome: 'refused'; readonly httpStatus: number; readonly error: string };

/** What an order on one outcome token needs to know about its market. */
export interface TokenMarket {
  readonly conditionId: string;
  readonly tickSize: string;
  readonly negRisk: boolean;
  readonly minOrderSize: string | null;
  readonly acceptingOrders: boolean | null;
  readonly outcomes: readonly { readonly tokenId: string; readonly outcome: string }[];
}

const END_CURSOR = 'LTE=';
const INITIAL_CURSOR = 'MA==';
const MAX_ORDER_PAGES = 100;

export class PolymarketClobClient {
  constructor(private readonly options: ClobClientOptions) {}

  /** POST /auth/api-key: new credentials for the wallet and nonce. */
  async createApiKey(nonce = 0): Promise<ClobCredentials> {
    return this.credentialsCall('POST', '/auth/api-key', nonce);
  }

  /** GET /auth/derive-api-key: the credentials already made for the wallet and nonce. */
  async deriveApiKey(nonce = 0): Promise<ClobCredentials> {
    return this.credentialsCall('GET', '/auth/derive-api-key', nonce);
  }

  async apiKeys(): Promise<ApiKeysOutcome> {
    const answer = await this.send(this.l2({ service: 'clob', method: 'GET', path: '/auth/api-keys' }));
    if (answer.status === 401 || answer.status === 403) return { outcome: 'invalid-credentials', httpStatus: answer.status };
    return { outcome: 'ok', keys: this.read(answer, apiKeysAnswer, 'API keys').apiKeys };
  }

  /** Balance (6-decimal units) and allowances by spender, for the given signature type's funder. */
  async balanceAllowance(query: { readonly assetType: 'COLLATERAL' | 'CONDITIONAL'; readonly tokenId?: string; readonly signatureType: SignatureType }): Promise<BalanceAllowance> {
    const answer = await this.send(
      this.l2({ service: 'clob', method: 'GET', path: '/balance-allowance', query: { asset_type: query.assetType, token_id: query.tokenId, signature_type: query.signatureType } }),
    );
    return this.read(this.refuseAuth(answer), balanceAllowanceAnswer, 'balance');
  }

  async orderBook(tokenId: string): Promise<OrderBook> {
    return this.read(this.marketAnswer(await this.send({ service: 'clob', method: 'GET', path: '/book', query: { token_id: tokenId } })), orderBookAnswer, 'order book');
  }

  async tickSize(tokenId: string): Promise<string> {
    const answer = await this.send({ service: 'clob', method: 'GET', path: '/tick-size', query: { token_id: tokenId } });
    return this.read(this.marketAnswer(answer), tickSizeAnswer, 'tick size').minimum_tick_size;
  }

  async negRisk(tokenId: string): Promise<boolean> {
    const answer = await this.send({ service: 'clob', method: 'GET', path: '/neg-risk', query: { token_id: tokenId } });
    return this.read(this.marketAnswer(answer), negRiskAnswer, 'market type').neg_risk;
  }

  /** The market of one outcome token: /markets-by-token, then /clob-markets, as the official client reads them. */
  async marketByToken(tokenId: string): Promise<TokenMarket> {
    const byToken = await this.send({ service: 'clob', method: 'GET', path: `/markets-by-token/${encodeURIComponent(tokenId)}` });
    const { condition_id: conditionId } = this.read(this.marketAnswer(byToken), marketByTokenAnswer, 'market');
    const details = this.read(
      this.marketAnswer(await this.send({ service: 'clob', method: 'GET', path: `/clob-markets/${encodeURIComponent(conditionId)}` })),
      clobMarketAnswer,
      'market',
    );
    return {
      conditionId,
      tickSize: details.mts,
      negRisk: details.nr ?? false,
      minOrderSize: details.mos ?? null,
      acceptingOrders: details.ao ?? null,
      outcomes: details.t.flatMap((token) => (token === null ? [] : [{ tokenId: token.t, outcome: token.o }])),
    };
  }

  /** Gamma: the market with this slug. */
  async marketBySlug(slug: string): Promise<GammaMarket> {
    const answer = await this.send({ service: 'gamma', method: 'GET', path: '/markets', query: { slug } });
    const markets = this.read(this.marketAnswer(answer), z.array(gammaMarket), 'market list');
    const market = markets[0];
    if (market === undefined) throw marketNotFound();
    return market;
  }

  /** POST /order with the body clob-order built; a refusal (400 invalid signature, balance, …) is an outcome. */
  async postOrder(body: string): Promise<PostOrderOutcome> {
    const answer = this.refuseAuth(await this.send(this.l2({ service: 'clob', method: 'POST', path: '/order', body })));
    if (answer.status >= 400) return { outcome: 'refused', httpStatus: answer.status, error: errorText(answer.body) };
    const parsed = this.read(answer, postOrderAnswer, 'order answer');
    return parsed.success ? { outcome: 'accepted', answer: parsed } : { outcome: 'refused', httpStatus: answer.status, error: parsed.errorMsg };
  }

  /** DELETE /order {"orderID"}; answers which ids were canceled and why others were not. */
  async cancelOrder(orderId: string): Promise<z.infer<typeof cancelAnswer>> {
    const answer = await this.send(this.l2({ service: 'clob', method: 'DELETE', path: '/order', body: JSON.stringify({ orderID: orderId }) }));
    return this.read(this.refuseAuth(answer), cancelAnswer, 'cancel answer');
  }

  /** GET /data/orders, every page until next_cursor "LTE=". */
  async openOrders(filter: { readonly market?: string; readonly assetId?: string } = {}): Promise<OpenOrder[]> {
    const orders: OpenOrder[] = [];
    let cursor = INITIAL_CURSOR;
    for (let page = 0; cursor !== END_CURSOR; page += 1) {
      if (page === MAX_ORDER_PAGES) throw new KeywardenError('SERVICE_UNREACHABLE', 'The Polymarket CLOB kept sending more pages of open orders than any account has; try again later.');
      const answer = await this.send(
        this.l2({ service: 'clob', method: 'GET', path: '/data/orders', query: { market: filter.market, asset_id: filter.assetId, next_cursor: cursor } }),
      );
      const result = this.read(this.refuseAuth(answer), openOrdersPage, 'open orders');
      orders.push(...result.data);
      cursor = result.next_cursor;
    }
    return orders;
  }

  /** GET /data/order/{id}; MARKET_NOT_FOUND-style refusal is ORDER_NOT_FOUND. */
  async order(orderId: string): Promise<OpenOrder> {
    const answer = this.refuseAuth(await this.send(this.l2({ service: 'clob', method: 'GET', path: `/data/order/${encodeURIComponent(orderId)}` })));
    if (answer.status === 404 || answer.body === null || answer.body === '') throw new KeywardenError('ORDER_NOT_FOUND', 'Polymarket has no order with this id for this account.');
    return this.read(answer, openOrdersPage.shape.data.element, 'order');
  }

  /** Data API: the positions held by an address (the funder). */
  async positions(user: Address): Promise<Position[]> {
    const answer = await this.send({ service: 'data', method: 'GET', path: '/positions', query: { user } });
    return this.read(answer, z.array(position), 'positions');
  }

  private async credentialsCall(method: 'GET' | 'POST', path: string, nonce: number): Promise<ClobCredentials> {
    const headers = await l1Headers(this.options.account, this.options.chainId, { timestamp: this.timestamp(), nonce });
    const answer = await this.send({ service: 'clob', method, path, headers: { ...headers } });
    if (answer.status === 401 || answer.status === 400 || answer.status === 403 || answer.status === 404) {
      throw new KeywardenError('KEY_REFUSED', 'Polymarket refused to make or derive API credentials for this wallet. Check the key; if it never traded on Polymarket, create the credentials first.', {
        httpStatus: answer.status,
      });
    }
    const creds = this.read(answer, apiCredentialsAnswer, 'API credentials');
    return { key: creds.apiKey, secret: creds.secret, passphrase: creds.passphrase };
  }

  private l2(call: HttpCall): HttpCall {
    const creds = this.options.creds;
    if (creds === undefined) throw new KeywardenError('MISSING_FIELD', 'This Polymarket call needs the account\u2019s CLOB API credentials.', { field: 'apiKey' });
    const headers = l2Headers(creds, this.options.account.address, { method: call.method, requestPath: call.path, ...(call.body === undefined ? {} : { body: call.body }) }, this.timestamp());
    return { ...call, headers: { ...call.headers, ...headers } };
  }

  private timestamp(): number {
    return this.options.now?.() ?? clobTimestamp();
  }

  private send(call: HttpCall): Promise<HttpAnswer> {
    return polymarketRequest(this.options, call);
  }

  private refuseAuth(answer: HttpAnswer): HttpAnswer {
    if (answer.status === 401 || answer.status === 403) {
      throw new KeywardenError('KEY_REFUSED', 'Polymarket refused the CLOB API credentials (key, secret or passphrase) for this wallet.', { httpStatus: answer.status });
    }
    return answer;
  }

  private marketAnswer(answer: HttpAnswer): HttpAnswer {
    if (answer.status === 404 || (answer.status === 400 && /market|token/i.test(errorText(answer.body)))) throw marketNotFound();
    return answer;
  }

  private read<T extends z.ZodType>(answer: HttpAnswer, schema: T, what: string): z.infer<T> {
    if (answer.status >= 200 && answer.status < 300) {
      const parsed = schema.safeParse(answer.body);
      if (parsed.success) return parsed.data;
    }
    throw new KeywardenError('SERVICE_UNREACHABLE', `Polymarket answered the ${what} request in a way Keywarden does not understand (status ${answer.status}).`, { httpStatus: answer.status });
  }
}

function marketNotFound(): KeywardenError {
  return new KeywardenError('MARKET_NOT_FOUND', 'Polymarket has no open market for this slug, link or token id.');
}

/** The CLOB's `{"error": "…"}` text, cut short: it is shown to a person, never a body echoed in full. */
function errorText(body: unknown): string {
  const parsed = errorAnswer.safeParse(body);
  const text = parsed.success ? parsed.data.error : typeof body === 'string' ? body : '';
  return text.slice(0, 200);
}
