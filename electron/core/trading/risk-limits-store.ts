/**
 * Stored risk limits (global and per account), the kill switch, and what has been used of the
 * limits, computed from the orders table.
 */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { KeywardenError } from '../errors';
import type { RowGuard } from '../integrity/integrity-guard';
import { protectedSettingRow } from '../integrity/protected-setting';
import { limitsMacFields, protectedRow, rowMac, settingMacFields } from '../integrity/row-integrity';
import { rememberedMacMatches } from '../integrity/remembered-mac';
import type { OpenedDatabase } from '../store/database';
import { preparedPerHandle } from '../store/statement-cache';
import { riskLimits, type RiskLimitsRow } from '../store/schema';
import { limitScopesSetting, pauseSetting } from '../store/settings-registry';
import { readSettingWithMac, writeSettingWithMac } from '../store/settings-store';
import { noAccountLimits as startingNoAccountLimits, startingGlobalLimits } from '../../shared/starting-limits';
import { ordersSentSince, usageTotals } from './order-store';
import type { RiskLimits, RiskUsage } from './trading-schema';

export const GLOBAL_SCOPE = 'global';

/** The global limits of a vault whose person has not set any (and of one whose stored limits are gone). */
export const defaultGlobalLimits: RiskLimits = { ...startingGlobalLimits };

/** An account's own limits before the user sets any: nothing beyond the global limits, which always apply too. */
export const noAccountLimits: RiskLimits = { ...startingNoAccountLimits };

const PauseState = pauseSetting.schema;
export type PauseState = z.infer<typeof PauseState>;
export const pauseRow = protectedSettingRow(pauseSetting);

/**
 * Every scope that has its own limits row, MAC'd: deleting an account's row would otherwise leave
 * it with the global limits only, weaker than what the person set, and nothing would notice.
 * Kept by writeLimits/deleteLimits in the caller's transaction.
 */
export const limitScopesRow = protectedSettingRow(limitScopesSetting);
const LimitScopes = limitScopesSetting.schema;

type Reader = Pick<OpenedDatabase['db'], 'select'>;

/**
 * The global limits (the defaults until the user changes them). A stored row whose MAC fails is
 * taken as absent (the defaults are safe) and raises the alarm.
 */
export function readGlobalLimits(db: Reader, guard: RowGuard): RiskLimits {
  return readStoredLimits(db, GLOBAL_SCOPE, guard) ?? defaultGlobalLimits;
}

/** An account's own limits, or null when only the global ones apply to it. */
export function readAccountLimits(db: Reader, credentialId: string, guard: RowGuard): RiskLimits | null {
  return readStoredLimits(db, credentialId, guard);
}

// Read twice for every order placed (see statement-cache.ts).
const limitsRow = preparedPerHandle((db: Reader) => db.select().from(riskLimits).where(eq(riskLimits.scope, sql.placeholder('scope'))).prepare());

/**
 * The limits stored for a scope (GLOBAL_SCOPE or a credential id); null when the user never set
 * them, or when they were changed outside Keywarden (then the alarm is raised). Needs the vault
 * unlocked: limits are only read to trade or to show them.
 */
export function readStoredLimits(db: Reader, scope: string, guard: RowGuard): RiskLimits | null {
  const row = limitsRow(db).get({ scope });
  if (!row) return missingLimits(db, scope, guard);
  const limits = limitsOfRow(row);
  if (!rememberedMacMatches(guard.rowsKey(), 'risk_limits', scope, limitsMacFields(limits), row.integrityMac)) {
    guard.tampered(protectedRow.limits(scope));
    return null;
  }
  return limits;
}

/**
 * A scope without a limits row: normal unless the list says it had one. Then the row was deleted
 * outside Keywarden: the alarm is raised and, until the person reviews it, the scope reads as
 * "trading turned off" (the safe reading; the alarm pauses all trading too).
 */
function missingLimits(db: Reader, scope: string, guard: RowGuard): RiskLimits | null {
  const scopes = readLimitScopes(db, guard.rowsKey());
  if (!scopes) {
    // Before this unlock's check an older vault's list may still be missing (it is adopted then).
    if (guard.rowsChecked()) guard.tampered(limitScopesRow);
    return null;
  }
  if (!scopes.includes(scope)) return null;
  guard.tampered(protectedRow.limits(scope));
  return { ...(scope === GLOBAL_SCOPE ? defaultGlobalLimits : noAccountLimits), tradingEnabled: false };
}

/** The scopes with their own limits row, or undefined when the list is missing or fails its MAC. */
export function readLimitScopes(db: Reader, rowsKey: Buffer): string[] | undefined {
  const row = readSettingWithMac(db, limitScopesSetting);
  if (!row || !rememberedMacMatches(rowsKey, 'settings', limitScopesSetting.key, settingMacFields(row.value), row.integrityMac)) return undefined;
  const parsed = LimitScopes.safeParse(row.value);
  return parsed.success ? parsed.data : undefined;
}

/** Stores the list (sorted, one entry per scope) with its MAC. */
export function writeLimitScopes(db: Pick<OpenedDatabase['db'], 'insert'>, scopes: Iterable<string>, now: number, rowsKey: Buffer): void {
  const value = [...new Set(scopes)].sort();
  writeSettingWithMac(db, limitScopesSetting, value, rowMac(rowsKey, 'settings', limitScopesSetting.key, settingMacFields(value)), now);
}

/** The scopes that have a row now (to build the list at adoption, or after a person reviewed it). */
export function storedLimitScopes(db: Reader): string[] {
  return db.select({ scope: riskLimits.scope }).from(riskLimits).all().map((row) => row.scope);
}

/** The limits a stored row holds, unchecked (for the integrity check itself). */
export function limitsOfRow(row: RiskLimitsRow): RiskLimits {
  return {
    tradingEnabled: row.tradingEnabled,
    paperMode: row.paperMode,
    symbolAllowList: row.symbolAllowList ?? null,
    maxOrderNotionalUsd: row.maxOrderNotionalUsd ?? null,
    maxDailyNotionalUsd: row.maxDailyNotionalUsd ?? null,
    maxOpenExposureUsd: row.maxOpenExposureUsd ?? null,
    maxOrdersPerMinute: row.maxOrdersPerMinute ?? null,
    maxPriceDeviationPct: row.maxPriceDeviationPct ?? null,
    maxLeverage: row.maxLeverage ?? null,
    maxPositionNotionalUsd: row.maxPositionNotionalUsd ?? null,
  };
}

/** Stores a scope's limits with their MAC, and the scope on the list (the vault must be unlocked). */
export function writeLimits(db: Pick<OpenedDatabase['db'], 'insert' | 'select'>, scope: string, limits: RiskLimits, now: number, guard: RowGuard): void {
  const rowsKey = guard.rowsKey();
  const integrityMac = rowMac(rowsKey, 'risk_limits', scope, limitsMacFields(limits));
  guard.rowWritten();
  const values = { ...limits, updatedAt: now, integrityMac };
  db.insert(riskLimits).values({ scope, ...values }).onConflictDoUpdate({ target: riskLimits.scope, set: values }).run();
  updateLimitScopes(db, rowsKey, now, (scopes) => scopes.add(scope));
}

/** Removes a scope's own limits (it gets the global ones only) and takes it off the list. */
export function deleteLimits(db: Pick<OpenedDatabase['db'], 'delete' | 'insert' | 'select'>, scope: string, now: number, guard: RowGuard): void {
  const rowsKey = guard.rowsKey();
  db.delete(riskLimits).where(eq(riskLimits.scope, scope)).run();
  updateLimitScopes(db, rowsKey, now, (scopes) => scopes.delete(scope));
}

/**
 * A failing (or missing) list is never rebuilt here: rebuilding it from the rows would drop the
 * scope whose row was deleted and so clear its alarm. The person acknowledges the list instead.
 */
function updateLimitScopes(db: Pick<OpenedDatabase['db'], 'insert' | 'select'>, rowsKey: Buffer, now: number, change: (scopes: Set<string>) => void): void {
  const stored = readLimitScopes(db, rowsKey);
  if (!stored) throw new KeywardenError('INTEGRITY_ALARM', `Limits cannot be saved: ${limitScopesRow.label} was changed outside Keywarden. Review and acknowledge it first.`);
  const scopes = new Set(stored);
  change(scopes);
  writeLimitScopes(db, scopes, now, rowsKey);
}

/**
 * The kill switch. Paused is always believed (the safe direction; pausing works while locked).
 * "Not paused" must carry a valid MAC: otherwise, or when the row is gone, or while any protected
 * row is in alarm, it reads as paused (and raises the alarm). While locked "not paused" cannot be
 * checked and is shown as stored: nothing can trade without the vault key.
 */
export function readPause(db: Reader, guard: RowGuard): PauseState {
  const alarms = guard.alarms();
  if (alarms.length > 0) return alarmPause(alarms.map((row) => row.label).join(', '));
  const row = readSettingWithMac(db, pauseSetting);
  const parsed = row ? PauseState.safeParse(row.value) : undefined;
  if (parsed?.success && parsed.data.paused) return parsed.data;
  const key = guard.rowsKeyIfUnlocked();
  if (!key) return parsed?.success ? parsed.data : notPaused;
  if (!row || !parsed?.success || !rememberedMacMatches(key, 'settings', pauseSetting.key, settingMacFields(parsed.data), row.integrityMac)) {
    guard.tampered(pauseRow);
    return alarmPause(pauseRow.label);
  }
  return parsed.data;
}

/** Stores the kill switch with its MAC. Resuming needs the vault unlocked and no integrity alarm. */
export function writePause(db: Pick<OpenedDatabase['db'], 'insert'>, state: PauseState, clock: Clock, guard: RowGuard): void {
  const key = state.paused ? guard.rowsKeyIfUnlocked() : guard.rowsKey();
  if (!state.paused) guard.assertNoAlarms();
  writeSettingWithMac(db, pauseSetting, state, key ? rowMac(key, 'settings', pauseSetting.key, settingMacFields(state)) : null, clock.now());
}

const notPaused: PauseState = pauseSetting.fallback;

function alarmPause(what: string): PauseState {
  return { paused: true, reason: `changed outside Keywarden: ${what}`.slice(0, 200), since: null };
}

/**
 * What a scope (all accounts, or one) has used, counting only paper orders or only real ones.
 * - daily: value traded today, UTC: what filled (filled amount x average price) once the exchange
 *   has answered, the gate's estimate for an order until then, and for the unfilled rest of an open one;
 * - open exposure: value of buys still open, plus net filled buys (at their fill prices) not yet sold;
 * - orders in the last 60 s that were sent (blocked or rejected intents do not count).
 * The first two are running totals kept by triggers on `orders` (drizzle/0005), so they cost one
 * row per account whatever the history; the last minute is an index range of the orders sent in the
 * last ten minutes (`recent_sent_orders`, kept by triggers too: drizzle/0021). The risk gate runs this
 * on every order, so it reads the last minute only when a per-minute limit applies (`perMinute`).
 */
export function readUsage(database: OpenedDatabase, credentialId: string | null, paper: boolean, now: number, needs: { perMinute: boolean | number | null } = { perMinute: true }): RiskUsage {
  const scope = { paper, credentialId };
  const totals = usageTotals(database, scope, utcDayNumber(now));
  return {
    dailyNotionalUsd: withoutDust(totals.dailyNotionalUsd),
    openExposureUsd: withoutDust(totals.openBuys + Math.max(0, totals.filledBuys - totals.filledSells)),
    ordersLastMinute: perMinuteCount(database, scope, now, needs.perMinute),
  };
}

/**
 * Orders sent in the last minute. Given the limit (a number), counted only up to it: the gate asks
 * whether one more would exceed it, and a capped count costs O(limit), not O(orders in the window).
 * `true` counts them all (a display of usage); `false`/null (no limit) skips the query.
 */
function perMinuteCount(database: OpenedDatabase, scope: { paper: boolean; credentialId: string | null }, now: number, limit: boolean | number | null): number {
  if (limit === false || limit === null) return 0;
  return ordersSentSince(database, scope, now - 60_000, limit === true ? Number.MAX_SAFE_INTEGER : limit);
}

/** The day number the usage triggers file an order under (its created_at in whole UTC days). */
export function utcDayNumber(now: number): number {
  return Math.floor(now / 86_400_000);
}

/**
 * Running totals add and subtract floating-point values, which leaves dust (1e-13 where 0 is meant):
 * a limit is in dollars, so the totals are read to a hundredth of a cent.
 */
function withoutDust(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
