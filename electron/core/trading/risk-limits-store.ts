/**
 * Stored risk limits (global and per account), the kill switch, and what has been used of the
 * limits, computed from the orders table.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { OpenedDatabase } from '../store/database';
import { riskLimits } from '../store/schema';
import { readSetting, writeSetting } from '../store/settings-store';
import type { RiskLimits, RiskUsage } from './trading-schema';

export const GLOBAL_SCOPE = 'global';

/** A runaway strategy is the most common way to lose money with a bridge: cap the rate by default. */
export const defaultGlobalLimits: RiskLimits = {
  tradingEnabled: true,
  paperMode: false,
  symbolAllowList: null,
  maxOrderNotionalUsd: null,
  maxDailyNotionalUsd: null,
  maxOpenExposureUsd: null,
  maxOrdersPerMinute: 30,
};

/** An account's own limits before the user sets any: nothing beyond the global limits, which always apply too. */
export const noAccountLimits: RiskLimits = {
  tradingEnabled: true,
  paperMode: false,
  symbolAllowList: null,
  maxOrderNotionalUsd: null,
  maxDailyNotionalUsd: null,
  maxOpenExposureUsd: null,
  maxOrdersPerMinute: null,
};

const PauseState = z.object({ paused: z.boolean(), reason: z.string().nullable(), since: z.number().nullable() });
export type PauseState = z.infer<typeof PauseState>;
const PAUSE_KEY = 'trading.pause';

type Reader = Pick<OpenedDatabase['db'], 'select'>;

/** The global limits (the defaults until the user changes them). */
export function readGlobalLimits(db: Reader): RiskLimits {
  return readRow(db, GLOBAL_SCOPE) ?? defaultGlobalLimits;
}

/** An account's own limits, or null when only the global ones apply to it. */
export function readAccountLimits(db: Reader, credentialId: string): RiskLimits | null {
  return readRow(db, credentialId);
}

function readRow(db: Reader, scope: string): RiskLimits | null {
  const row = db.select().from(riskLimits).where(eq(riskLimits.scope, scope)).get();
  if (!row) return null;
  return {
    tradingEnabled: row.tradingEnabled,
    paperMode: row.paperMode,
    symbolAllowList: row.symbolAllowList ?? null,
    maxOrderNotionalUsd: row.maxOrderNotionalUsd ?? null,
    maxDailyNotionalUsd: row.maxDailyNotionalUsd ?? null,
    maxOpenExposureUsd: row.maxOpenExposureUsd ?? null,
    maxOrdersPerMinute: row.maxOrdersPerMinute ?? null,
  };
}

export function writeLimits(db: Pick<OpenedDatabase['db'], 'insert'>, scope: string, limits: RiskLimits, now: number): void {
  const values = { ...limits, updatedAt: now };
  db.insert(riskLimits).values({ scope, ...values }).onConflictDoUpdate({ target: riskLimits.scope, set: values }).run();
}

export function deleteLimits(db: Pick<OpenedDatabase['db'], 'delete'>, scope: string): void {
  db.delete(riskLimits).where(eq(riskLimits.scope, scope)).run();
}

export function readPause(db: Reader): PauseState {
  return readSetting(db, PAUSE_KEY, PauseState, { paused: false, reason: null, since: null });
}

export function writePause(db: Pick<OpenedDatabase['db'], 'insert'>, state: PauseState, clock: Clock): void {
  writeSetting(db, PAUSE_KEY, state, clock.now());
}

/** Start of the current UTC day: daily limits reset then. */
export function utcDayStart(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/**
 * What a scope (all accounts, or one) has used, counting only paper orders or only real ones.
 * - daily: value of orders sent today (a canceled order counts for what filled);
 * - open exposure: value of buys still open, plus net filled buys not yet sold;
 * - orders in the last 60 s that were sent (blocked or rejected intents do not count).
 */
export function readUsage(database: OpenedDatabase, credentialId: string | null, paper: boolean, now: number, needs: { exposure: boolean } = { exposure: true }): RiskUsage {
  const scope = { paper: paper ? 1 : 0, credentialId };
  // Today's orders only (an index range on created_at): the daily value and the last minute's count.
  const recent = database.sqlite.prepare(`
    SELECT
      COALESCE(SUM(CASE WHEN status IN ('sending','open','filled','unknown') THEN notional_usd
                        WHEN status = 'canceled' THEN notional_usd * filled_amount / amount END), 0) AS daily,
      COALESCE(SUM(CASE WHEN created_at > @minuteAgo AND status NOT IN ('blocked','rejected') THEN 1 END), 0) AS lastMinute
    FROM orders
    WHERE created_at >= @since AND paper = @paper AND (@credentialId IS NULL OR credential_id = @credentialId)
  `).get({ ...scope, since: Math.min(utcDayStart(now), now - 60_000), minuteAgo: now - 60_000 }) as { daily: number; lastMinute: number };
  // Exposure is the net of every fill ever: a scan of all orders, so it is read only when a limit needs it.
  let openExposureUsd = 0;
  if (needs.exposure) {
    const row = database.sqlite.prepare(`
      SELECT
        COALESCE(SUM(CASE WHEN side = 'buy' AND status IN ('sending','open','unknown') THEN notional_usd * (1 - filled_amount / amount) END), 0) AS openBuys,
        COALESCE(SUM(CASE WHEN side = 'buy' AND status IN ('open','filled','canceled') THEN notional_usd * filled_amount / amount END), 0) AS filledBuys,
        COALESCE(SUM(CASE WHEN side = 'sell' AND status IN ('open','filled','canceled') THEN notional_usd * filled_amount / amount END), 0) AS filledSells
      FROM orders
      WHERE paper = @paper AND (@credentialId IS NULL OR credential_id = @credentialId)
    `).get(scope) as { openBuys: number; filledBuys: number; filledSells: number };
    openExposureUsd = row.openBuys + Math.max(0, row.filledBuys - row.filledSells);
  }
  return { dailyNotionalUsd: recent.daily, openExposureUsd, ordersLastMinute: recent.lastMinute };
}
