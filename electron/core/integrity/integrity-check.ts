/**
 * The full check of every protected row (at unlock and on request), the one-time adoption of rows
 * written before MACs existed, and a person's acknowledgement of a changed row. Each table's
 * fields come from row-integrity.ts, the same ones its owner MACs on every write.
 */
import { eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../store/database';
import { credentials, gatewayTokens, riskLimits, settings, webhookSources } from '../store/schema';
import { integrityAdoptedSetting, limitScopesSetting, pauseSetting, settingByKey, webhookSettingsSetting } from '../store/settings-registry';
import { readSettingWithMac, writeSettingWithMac } from '../store/settings-store';
import { limitScopesRow, limitsOfRow, pauseRow, readLimitScopes, storedLimitScopes, writeLimitScopes } from '../trading/risk-limits-store';
import { allFuturesSettingRows, futuresSettingMacMatches, remacFuturesSetting } from '../trading/futures/futures-settings';
import { protectedSettingRow, protectedSettings } from './protected-setting';
import { webhookSettingsRow } from '../webhook/webhook-settings';
import { credentialMacFields, futuresSettingKey, gatewayTokenMacFields, limitsMacFields, protectedRow, rowMac, rowMacMatches, settingMacFields, sourceMacFields, type ProtectedRowRef } from './row-integrity';

type Reader = Pick<Db, 'select'>;
type Writer = Pick<Db, 'select' | 'insert' | 'update'>;

/**
 * What adoption covers: 1 the rows of the first integrity version; 2 also the settings that weaken
 * protection (protected-setting.ts) and the list of scopes with their own limits; 3 the leverage
 * rows (futures_settings) written before they had a MAC. The marker says which version adopted a
 * vault, so a vault adopted at 1 or 2 adopts only what came later.
 */
export const ADOPTION_VERSION = 3;

/** Every protected row whose MAC fails (or is missing). Needs the rows key. */
export function findTamperedRows(db: Reader, rowsKey: Buffer): ProtectedRowRef[] {
  const found: ProtectedRowRef[] = [];
  for (const row of db.select().from(credentials).all()) {
    if (!rowMacMatches(rowsKey, 'credentials', row.id, credentialMacFields(row), row.integrityMac)) found.push(protectedRow.credential(row));
  }
  for (const row of db.select().from(riskLimits).all()) {
    if (!rowMacMatches(rowsKey, 'risk_limits', row.scope, limitsMacFields(limitsOfRow(row)), row.integrityMac)) found.push(protectedRow.limits(row.scope));
  }
  for (const row of db.select().from(webhookSources).all()) {
    if (!rowMacMatches(rowsKey, 'webhook_sources', row.id, sourceMacFields(row), row.integrityMac)) found.push(protectedRow.source(row));
  }
  // Local tokens are written with their MAC from the start (issue 17): none is ever adopted.
  for (const row of db.select().from(gatewayTokens).all()) {
    if (!rowMacMatches(rowsKey, 'gateway_tokens', row.id, gatewayTokenMacFields(row), row.integrityMac)) found.push(protectedRow.gatewayToken(row));
  }
  for (const row of allFuturesSettingRows(db)) {
    if (!futuresSettingMacMatches(rowsKey, row)) found.push(protectedRow.futuresSetting(row.credentialId, row.symbol));
  }
  const pause = readSettingWithMac(db, pauseSetting);
  // Paused is always believed, so only "not paused" (or a missing switch) can be an alarm.
  const paused = pause !== undefined && typeof pause.value === 'object' && pause.value !== null && (pause.value as { paused?: unknown }).paused === true;
  if (!paused && (!pause || !rowMacMatches(rowsKey, 'settings', pauseSetting.key, settingMacFields(pause.value), pause.integrityMac))) found.push(pauseRow);
  // The listener's settings may be absent (the defaults are safe), never unauthenticated.
  const listener = readSettingWithMac(db, webhookSettingsSetting);
  if (listener && !rowMacMatches(rowsKey, 'settings', webhookSettingsSetting.key, settingMacFields(listener.value), listener.integrityMac)) found.push(webhookSettingsRow);
  // The same for the settings that weaken protection (absent = the safe defaults).
  for (const setting of protectedSettings) {
    const stored = readSettingWithMac(db, setting);
    if (stored && !rowMacMatches(rowsKey, 'settings', setting.key, settingMacFields(stored.value), stored.integrityMac)) found.push(protectedSettingRow(setting));
  }
  // Each scope the list names must still have its row; the list itself must be there.
  const scopes = readLimitScopes(db, rowsKey);
  if (!scopes) found.push(limitScopesRow);
  else {
    const stored = new Set(storedLimitScopes(db));
    for (const scope of scopes) if (!stored.has(scope)) found.push(protectedRow.limits(scope));
  }
  return found;
}

/**
 * Which adoption version this vault reached (0: never adopted). A marker whose MAC fails, or a
 * missing marker while any MAC is stored, counts as fully adopted: deleting or editing the marker
 * must not get planted rows adopted.
 */
export function adoptedVersion(db: Reader, rowsKey: Buffer): number {
  const marker = readSettingWithMac(db, integrityAdoptedSetting);
  if (marker) {
    if (!rowMacMatches(rowsKey, 'settings', integrityAdoptedSetting.key, settingMacFields(marker.value), marker.integrityMac)) return ADOPTION_VERSION;
    const version = typeof marker.value === 'object' && marker.value !== null ? (marker.value as { version?: unknown }).version : undefined;
    return typeof version === 'number' ? version : 1;
  }
  return integrityAdopted(db) ? ADOPTION_VERSION : 0;
}

/** Whether this vault's rows were adopted already (then a row without a MAC is an alarm, not new). */
export function integrityAdopted(db: Reader): boolean {
  if (readSettingWithMac(db, integrityAdoptedSetting)) return true;
  // The marker alone could be deleted to have planted rows adopted: any stored MAC says it happened too.
  const anyMac = (table: typeof credentials | typeof riskLimits | typeof webhookSources | typeof settings) =>
    db.select({ n: sql<number>`count(*)` }).from(table).where(isNotNull(table.integrityMac)).get()?.n ?? 0;
  return anyMac(credentials) + anyMac(riskLimits) + anyMac(webhookSources) + anyMac(settings) > 0;
}

/**
 * The first unlock after the upgrade: every protected row written by an earlier version is taken
 * as it is and MAC'd (a row edited before the upgrade is adopted as edited: docs/security.md says so). The
 * kill switch is stored even when never used, so that its later removal is noticed.
 */
export function adoptRowsWithoutMac(tx: Writer, rowsKey: Buffer, now: number, fromVersion = 0): { credentials: number; riskLimits: number; webhookSources: number; settings: number } {
  const counts = { credentials: 0, riskLimits: 0, webhookSources: 0, settings: 0 };
  if (fromVersion < 1) adoptFirstVersion(tx, rowsKey, now, counts);
  // Version 2: the settings that weaken protection, and the list of scopes with their own limits.
  for (const setting of protectedSettings) {
    const stored = readSettingWithMac(tx, setting);
    if (stored && stored.integrityMac === null) {
      writeSettingWithMac(tx, setting, stored.value, rowMac(rowsKey, 'settings', setting.key, settingMacFields(stored.value)), now);
      counts.settings += 1;
    }
  }
  // Version 3: leverage rows written before they carried a MAC.
  if (fromVersion < 3) for (const row of allFuturesSettingRows(tx, true)) remacFuturesSetting(tx, rowsKey, row);
  // Adoption takes the rows as they are: the list is what has a row now.
  if (!readLimitScopes(tx, rowsKey)) writeLimitScopes(tx, storedLimitScopes(tx), now, rowsKey);
  const marker = { at: now, version: ADOPTION_VERSION };
  writeSettingWithMac(tx, integrityAdoptedSetting, marker, rowMac(rowsKey, 'settings', integrityAdoptedSetting.key, settingMacFields(marker)), now);
  return counts;
}

function adoptFirstVersion(tx: Writer, rowsKey: Buffer, now: number, counts: { credentials: number; riskLimits: number; webhookSources: number; settings: number }): void {
  for (const row of tx.select().from(credentials).where(isNull(credentials.integrityMac)).all()) {
    tx.update(credentials).set({ integrityMac: rowMac(rowsKey, 'credentials', row.id, credentialMacFields(row)) }).where(eq(credentials.id, row.id)).run();
    counts.credentials += 1;
  }
  for (const row of tx.select().from(riskLimits).where(isNull(riskLimits.integrityMac)).all()) {
    tx.update(riskLimits).set({ integrityMac: rowMac(rowsKey, 'risk_limits', row.scope, limitsMacFields(limitsOfRow(row))) }).where(eq(riskLimits.scope, row.scope)).run();
    counts.riskLimits += 1;
  }
  for (const row of tx.select().from(webhookSources).where(isNull(webhookSources.integrityMac)).all()) {
    tx.update(webhookSources).set({ integrityMac: rowMac(rowsKey, 'webhook_sources', row.id, sourceMacFields(row)) }).where(eq(webhookSources.id, row.id)).run();
    counts.webhookSources += 1;
  }
  for (const setting of [pauseSetting, webhookSettingsSetting]) {
    const stored = readSettingWithMac(tx, setting);
    if (stored && stored.integrityMac === null) {
      writeSettingWithMac(tx, setting, stored.value, rowMac(rowsKey, 'settings', setting.key, settingMacFields(stored.value)), now);
      counts.settings += 1;
    }
  }
  if (!readSettingWithMac(tx, pauseSetting)) {
    const notPaused = pauseSetting.fallback;
    writeSettingWithMac(tx, pauseSetting, notPaused, rowMac(rowsKey, 'settings', pauseSetting.key, settingMacFields(notPaused)), now);
  }
}

/** MACs one row again as it is now (a person looked at it and keeps it). A missing kill switch comes back paused. */
export function acknowledgeRow(tx: Writer, rowsKey: Buffer, row: ProtectedRowRef, now: number): void {
  switch (row.table) {
    case 'credentials': {
      const stored = tx.select().from(credentials).where(eq(credentials.id, row.key)).get();
      if (stored) tx.update(credentials).set({ integrityMac: rowMac(rowsKey, 'credentials', stored.id, credentialMacFields(stored)) }).where(eq(credentials.id, stored.id)).run();
      return;
    }
    case 'risk_limits': {
      const stored = tx.select().from(riskLimits).where(eq(riskLimits.scope, row.key)).get();
      if (stored) tx.update(riskLimits).set({ integrityMac: rowMac(rowsKey, 'risk_limits', stored.scope, limitsMacFields(limitsOfRow(stored))) }).where(eq(riskLimits.scope, stored.scope)).run();
      // A deleted row the person accepts: the account keeps the global limits only, off the list.
      else writeLimitScopes(tx, (readLimitScopes(tx, rowsKey) ?? storedLimitScopes(tx)).filter((scope) => scope !== row.key), now, rowsKey);
      return;
    }
    case 'webhook_sources': {
      const stored = tx.select().from(webhookSources).where(eq(webhookSources.id, row.key)).get();
      if (stored) tx.update(webhookSources).set({ integrityMac: rowMac(rowsKey, 'webhook_sources', stored.id, sourceMacFields(stored)) }).where(eq(webhookSources.id, stored.id)).run();
      return;
    }
    case 'gateway_tokens': {
      const stored = tx.select().from(gatewayTokens).where(eq(gatewayTokens.id, row.key)).get();
      if (stored) tx.update(gatewayTokens).set({ integrityMac: rowMac(rowsKey, 'gateway_tokens', stored.id, gatewayTokenMacFields(stored)) }).where(eq(gatewayTokens.id, stored.id)).run();
      return;
    }
    case 'futures_settings': {
      const stored = allFuturesSettingRows(tx).find((candidate) => futuresSettingKey(candidate.credentialId, candidate.symbol) === row.key);
      if (stored) remacFuturesSetting(tx, rowsKey, stored);
      return;
    }
    case 'settings': {
      // The list is taken as the rows are now (a scope whose row is gone drops off it).
      if (row.key === limitScopesSetting.key) return writeLimitScopes(tx, storedLimitScopes(tx), now, rowsKey);
      const setting = settingByKey(row.key);
      const stored = setting && readSettingWithMac(tx, setting);
      // Another missing setting reads as its safe default: nothing to MAC.
      if (!setting || (!stored && setting !== pauseSetting)) return;
      const value = stored ? stored.value : { paused: true, reason: 'kill switch restored after an integrity alarm', since: now };
      writeSettingWithMac(tx, setting, value, rowMac(rowsKey, 'settings', setting.key, settingMacFields(value)), now);
      return;
    }
  }
}
