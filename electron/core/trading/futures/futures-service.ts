/**
 * Perpetual futures for a person: an account's positions (with leverage, margin mode and the
 * liquidation price), the leverage and margin mode they choose per market (applied to the exchange
 * by that explicit action only, never by an alert), closing a position, and panic's part: closing
 * the positions Keywarden opened, after a preview the person confirms. Orders go through Trading
 * (risk gate, record before send, exactly once) as reduce-only intents.
 */
import { createHash } from 'node:crypto';
import type { Exchange } from 'ccxt';
import { appendAudit } from '../../audit/audit-log';
import type { AuditActor } from '../../audit/audit-schema';
import type { Clock } from '../../clock';
import type { CredentialInfo } from '../../credentials/credential-schema';
import type { CredentialRepository } from '../../credentials/credential-repository';
import { KeywardenError, isKeywardenError } from '../../errors';
import type { ExchangeClientCache } from '../../exchanges/exchange-client-cache';
import type { RowGuard } from '../../integrity/integrity-guard';
import type { OpenedDatabase } from '../../store/database';
import { futuresHeldByKeywarden } from '../order-store';
import { readAccountLimits, readGlobalLimits } from '../risk-limits-store';
import type { TradingApi } from '../trading-api';
import type { PlaceResult, PlacementContext } from '../trading-schema';
import { assertLeverageAllowed, readLeverage } from './futures-limits';
import type { CloseRequest, FuturesAccount, LeverageChange, PanicPositionsPreview } from './futures-schema';
import { listFuturesSettings, writeFuturesSetting } from './futures-settings';
import type { FuturesVenue } from './futures-venue';
import { resolveLinearMarket } from './perpetual-symbol';
import type { PositionModes } from './position-mode';

export interface FuturesServiceOptions {
  readonly database: OpenedDatabase;
  readonly credentials: CredentialRepository;
  readonly clients: ExchangeClientCache;
  readonly trading: TradingApi;
  readonly venue: FuturesVenue;
  readonly modes: PositionModes;
  readonly clock: Clock;
  readonly integrity: RowGuard;
}

/** The exchanges whose USDT perpetuals Keywarden trades (venue-dialects.ts). */
const FUTURES_PROVIDERS: readonly string[] = ['binance', 'bybit'];

export class FuturesService {
  constructor(private readonly o: FuturesServiceOptions) {}

  async account(account: string): Promise<FuturesAccount> {
    const credential = this.#exchangeKey(account);
    const paperPositions = futuresHeldByKeywarden(this.o.database, credential.id, true, null);
    const settings = listFuturesSettings(this.o.database.db, credential.id, this.o.integrity);
    const base = { credentialId: credential.id, label: credential.label, paperPositions, settings };
    if (credential.status !== 'active') return { ...base, positionMode: null, positions: [], note: `Verify "${credential.label}" to see its futures positions.` };
    const client = await this.#client(credential);
    const [mode, positions] = await Promise.all([this.o.venue.readMode(credential.id, client), this.o.venue.positions(client)]);
    const ours = new Map(futuresHeldByKeywarden(this.o.database, credential.id, false, null).map((row) => [row.symbol, row.amount]));
    return {
      ...base,
      positionMode: mode,
      positions: positions.map((position) => ({ ...position, openedByKeywarden: keywardenShare(position, ours.get(position.symbol) ?? 0) })),
      note: null,
    };
  }

  /** Sets leverage (and margin mode) on the exchange and stores the choice, in that order: what is stored was applied. */
  async setLeverage(change: LeverageChange, actor: AuditActor): Promise<{ symbol: string; leverage: number; marginMode: 'cross' | 'isolated' }> {
    const credential = this.#exchangeKey(change.account);
    const leverage = readLeverage(change.leverage);
    const db = this.o.database.db;
    assertLeverageAllowed(leverage, readGlobalLimits(db, this.o.integrity).maxLeverage ?? null, 'global');
    assertLeverageAllowed(leverage, readAccountLimits(db, credential.id, this.o.integrity)?.maxLeverage ?? null, `for "${credential.label}"`);
    if (credential.status !== 'active') throw new KeywardenError('KEY_REFUSED', `Verify "${credential.label}" before setting leverage on the exchange.`);
    const client = await this.#client(credential);
    const market = resolveLinearMarket(client, change.symbol);
    const marginMode = change.marginMode ?? listFuturesSettings(db, credential.id, this.o.integrity).find((s) => s.symbol === market.symbol)?.marginMode ?? 'cross';
    try {
      await this.o.venue.setLeverage(client, market, leverage, marginMode);
    } catch (error) {
      if (isKeywardenError(error)) throw error;
      throw new KeywardenError('EXCHANGE_CHECK_FAILED', `${client.name ?? client.id} did not accept ${leverage}x ${marginMode} on ${market.symbol}. Check the market's maximum leverage, and that no position blocks a margin mode change.`);
    }
    db.transaction((tx) => {
      writeFuturesSetting(tx, credential.id, { symbol: market.symbol, leverage, marginMode, updatedAt: this.o.clock.now() }, this.o.integrity);
      // trading.*: the audit log files it under Trading, and credentialId puts it under the key's filter.
      appendAudit(tx, this.o.clock, { actor, action: 'trading.leverage', subject: credential.id, outcome: 'ok', details: { credentialId: credential.id, label: credential.label, symbol: market.symbol, leverage, marginMode } });
    }, { behavior: 'immediate' });
    return { symbol: market.symbol, leverage, marginMode };
  }

  /** Closes the whole position on a market with reduce-only market orders; says so when there is none. */
  async close(request: CloseRequest, context: PlacementContext): Promise<PlaceResult[]> {
    const credential = this.#exchangeKey(request.account);
    const paper = request.paper === true || readGlobalLimits(this.o.database.db, this.o.integrity).paperMode || readAccountLimits(this.o.database.db, credential.id, this.o.integrity)?.paperMode === true;
    const client = paper ? await this.o.clients.publicClient(credential.provider, credential.environment, 'linear') : await this.#client(credential);
    const market = resolveLinearMarket(client, request.symbol);
    const held = paper
      ? futuresHeldByKeywarden(this.o.database, credential.id, true, market.symbol).map((row) => ({ side: row.amount > 0 ? 'long' as const : 'short' as const, amount: Math.abs(row.amount) }))
      : await this.o.venue.positions(client, market);
    if (held.length === 0) throw new KeywardenError('NO_POSITION', `"${credential.label}" holds no ${market.symbol} position${paper ? ' on paper' : ''}: nothing to close, nothing was sent.`);
    const stamp = this.o.clock.now();
    const results: PlaceResult[] = [];
    for (const position of held) {
      results.push(await this.o.trading.enqueue({
        account: credential.id, symbol: market.symbol, side: position.side === 'long' ? 'sell' : 'buy', type: 'market', amount: position.amount, reduceOnly: true,
        ...(paper ? { paper: true } : {}), idempotencyKey: `close:${credential.id}:${market.symbol}:${position.side}:${stamp}`,
      }, context));
    }
    return results;
  }

  /** Panic, step 1: which positions Keywarden opened (to close) and which it did not (left alone). */
  async panicPreview(): Promise<PanicPositionsPreview> {
    const toClose: PanicPositionsPreview['toClose'] = [];
    const leftAlone: PanicPositionsPreview['leftAlone'] = [];
    const unreadable: PanicPositionsPreview['unreadable'] = [];
    for (const credential of this.o.credentials.list().filter((c) => c.kind === 'exchange' && FUTURES_PROVIDERS.includes(c.provider) && c.status === 'active')) {
      const ours = futuresHeldByKeywarden(this.o.database, credential.id, false, null);
      let positions;
      try {
        positions = await this.o.venue.positions(await this.#client(credential));
      } catch (error) {
        if (ours.length > 0) unreadable.push({ credentialId: credential.id, label: credential.label, message: isKeywardenError(error) ? error.message : 'The positions could not be read from the exchange.' });
        continue;
      }
      for (const position of positions) {
        const share = keywardenShare(position, ours.find((row) => row.symbol === position.symbol)?.amount ?? 0);
        const entry = { credentialId: credential.id, label: credential.label, symbol: position.symbol, side: position.side };
        if (share > 0) toClose.push({ ...entry, amount: share });
        if (position.amount - share > 1e-12) leftAlone.push({ ...entry, amount: position.amount - share });
      }
    }
    return { toClose, leftAlone, unreadable, confirmation: confirmationOf(toClose) };
  }

  /** Panic, step 2: closes exactly what the preview showed, if it is still so (otherwise preview again). */
  async panicClose(confirmation: string, actor: AuditActor): Promise<PlaceResult[]> {
    const now = await this.panicPreview();
    if (now.confirmation !== confirmation) throw new KeywardenError('INVALID_INPUT', 'The positions changed since the preview, so nothing was closed. Preview again and confirm what it shows.', { field: 'confirmation' });
    const results: PlaceResult[] = [];
    for (const item of now.toClose) {
      results.push(await this.o.trading.enqueue({ account: item.credentialId, symbol: item.symbol, side: item.side === 'long' ? 'sell' : 'buy', type: 'market', amount: item.amount, reduceOnly: true, idempotencyKey: `panic:${confirmation}:${item.credentialId}:${item.symbol}:${item.side}` }, { source: actor === 'cli' ? 'cli' : 'manual', actor: actor === 'cli' ? 'cli' : 'ui', panicClose: true }));
    }
    return results;
  }

  #exchangeKey(account: string): CredentialInfo {
    const credential = this.o.credentials.get(account);
    if (credential.kind !== 'exchange') throw new KeywardenError('NOT_AN_EXCHANGE_KEY', `"${credential.label}" is not an exchange key; perpetual futures trade on exchange accounts.`);
    return credential;
  }

  async #client(credential: CredentialInfo): Promise<Exchange> {
    const { info, secrets } = this.o.credentials.getDecrypted(credential.id);
    return this.o.clients.client({ credentialId: info.id, fingerprint: info.fingerprint, provider: info.provider, environment: info.environment, secrets: secrets as Record<string, string>, marketKind: 'linear' });
  }
}

/** The part of a position Keywarden's own filled orders account for (same direction, at most the position). */
function keywardenShare(position: { side: 'long' | 'short'; amount: number }, oursSigned: number): number {
  const ours = position.side === 'long' ? oursSigned : -oursSigned;
  return ours > 0 ? Math.min(ours, position.amount) : 0;
}

function confirmationOf(toClose: PanicPositionsPreview['toClose']): string {
  const canonical = JSON.stringify([...toClose].map((i) => [i.credentialId, i.symbol, i.side, i.amount]).sort());
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
