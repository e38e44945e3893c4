/**
 * Where Trading sends a Polymarket account's orders (issue 18). This is the face the core holds
 * from its start; the work is polymarket-orders.ts, loaded with its libraries (viem, the CLOB
 * client) the first time a Polymarket account is used, so a core that never trades on Polymarket
 * (and every CLI command) starts without them.
 */
import type { Order } from 'ccxt';
import type { Clock } from '../clock';
import type { CredentialInfo } from '../credentials/credential-schema';
import type { CredentialRepository } from '../credentials/credential-repository';
import type { DerivedCredentials } from '../polymarket/derived-credentials';
import type { PolymarketConnection, PolymarketSession } from '../polymarket/polymarket-accounts';
import type { PolymarketMarket, PolymarketPositions } from '../polymarket/polymarket-schema';
import type { PolymarketAssessment, PolymarketOrders, SendOutcome } from './polymarket-orders';
import type { PolymarketPlan } from './polymarket-sizing';
import type { MarketSnapshot, OrderInfo, ParsedOrderIntent } from './trading-schema';

export type { PolymarketAssessment, SendOutcome } from './polymarket-orders';

export interface PolymarketVenueOptions {
  readonly credentials: CredentialRepository;
  readonly connection: PolymarketConnection;
  readonly derived: DerivedCredentials;
  readonly clock: Clock;
}

export class PolymarketVenue {
  readonly #options: PolymarketVenueOptions;
  #orders: Promise<PolymarketOrders> | undefined;

  constructor(options: PolymarketVenueOptions) {
    this.#options = options;
  }

  #loaded(): Promise<PolymarketOrders> {
    this.#orders ??= import('./polymarket-orders').then(({ PolymarketOrders: Orders }) => new Orders(this.#options));
    return this.#orders;
  }

  async session(credentialId: string): Promise<PolymarketSession> {
    return (await this.#loaded()).session(credentialId);
  }

  async assess(intent: ParsedOrderIntent, credential: CredentialInfo, checkBalance: boolean): Promise<PolymarketAssessment> {
    return (await this.#loaded()).assess(intent, credential, checkBalance);
  }

  async send(credentialId: string, plan: PolymarketPlan, side: 'buy' | 'sell', record: (orderHash: string, body: string) => void): Promise<SendOutcome> {
    return (await this.#loaded()).send(credentialId, plan, side, record);
  }

  async post(session: PolymarketSession, orderHash: string, body: string, side: 'buy' | 'sell'): Promise<SendOutcome> {
    return (await this.#loaded()).post(session, orderHash, body, side);
  }

  async find(order: Pick<OrderInfo, 'credentialId' | 'clientOrderId'>): Promise<Order | undefined> {
    return (await this.#loaded()).find(order);
  }

  async cancel(order: Pick<OrderInfo, 'credentialId' | 'clientOrderId'>): Promise<'canceled' | 'not-open'> {
    return (await this.#loaded()).cancel(order);
  }

  async market(reference: string): Promise<PolymarketMarket> {
    return (await this.#loaded()).market(reference);
  }

  async positions(credential: CredentialInfo): Promise<PolymarketPositions> {
    return (await this.#loaded()).positions(credential);
  }

  async snapshot(credential: CredentialInfo, symbol: string, outcome: string | undefined): Promise<MarketSnapshot> {
    return (await this.#loaded()).snapshot(credential, symbol, outcome);
  }
}
