/**
 * The full check of every protected row (at unlock and on request), the one-time adoption of rows
 * written before MACs existed, and a person's acknowledgement of a changed row. Each table's
 * fields come from row-integrity.ts, the same ones its owner MACs on every write.
 */
import { eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../store/database';
import { credentials, riskLimits, settings, webhookSources } from '../store/schema';
import { readSettingWithMac, writeSettingWithMac } from '../store/settings-store';
import { PAUSE_KEY, limitsOfRow, pauseRow } from '../trading/risk-limits-store';
import { WEBHOOK_SETTINGS_KEY, webhookSettingsRow } from '../webhook/webhook-settings';
import { credentialMacFields, limitsMacFields, protectedRow, rowMac, rowMacMatches, settingMacFields, sourceMacFields, type ProtectedRowRef } from './row-integrity';

type Reader = Pick<Db, 'select'>;
type Writer = Pick<Db, 'select' | 'insert' | 'update'>;

/**
 * Marks that the rows of this vault were adopted once. Without it (and without any MAC stored), the
 * next unlock adopts every row as it is; with it, a row without a MAC is an alarm.
 */
const ADOPTED_KEY = 'integrity.adopted';

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
  const pause = readSettingWithMac(db, PAUSE_KEY);
  // Paused is always believed, so only "not paused" (or a missing switch) can be an alarm.
  const paused = pause !== undefined && typeof pause.value === 'object' && pause.value !== null && (pause.value as { paused?: unknown }).paused === true;
  if (!paused && (!pause || !rowMacMatches(rowsKey, 'settings', PAUSE_KEY, settingMacFields(pause.value), pause.integrityMac))) found.push(pauseRow);
  // The listener's settings may be absent (the defaults are safe), never unauthenticated.
  const listener = readSettingWithMac(db, WEBHOOK_SETTINGS_KEY);
  if (listener && !rowMacMatches(rowsKey, 'settings', WEBHOOK_SETTINGS_KEY, settingMacFields(listener.value), listener.integrityMac)) found.push(webhookSettingsRow);
  return found;
}

/** Whether this vault's rows were adopted already (then a row without a MAC is an alarm, not new). */
export function integrityAdopted(db: Reader): boolean {
  if (readSettingWithMac(db, ADOPTED_KEY)) return true;
  // The marker alone could be deleted to have planted rows adopted: any stored MAC says it happened too.
  const anyMac = (table: typeof credentials | typeof riskLimits | typeof webhookSources | typeof settings) =>
    db.select({ n: sql<number>`count(*)` }).from(table).where(isNotNull(table.integrityMac)).get()?.n ?? 0;
  return anyMac(credentials) + anyMac(riskLimits) + anyMac(webhookSources) + anyMac(settings) > 0;
}

/**
 * The first unlock after the upgrade: every protected row written by an earlier version is taken
 * as it is and MAC'd (a row edited before the upgrade is adopted as edited: README says so). The
 * kill switch is stored even when never used, so that its later removal is noticed.
 */
export function adoptRowsWithoutMac(tx: Writer, rowsKey: Buffer, now: number): { credentials: number; riskLimits: number; webhookSources: number; settings: number } {
  const counts = { credentials: 0, riskLimits: 0, webhookSources: 0, settings: 0 };
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
  for (const key of [PAUSE_KEY, WEBHOOK_SETTINGS_KEY]) {
    const stored = readSettingWithMac(tx, key);
    if (stored && stored.integrityMac === null) {
      writeSettingWithMac(tx, key, stored.value, rowMac(rowsKey, 'settings', key, settingMacFields(stored.value)), now);
      counts.settings += 1;
    }
  }
  if (!readSettingWithMac(tx, PAUSE_KEY)) {
    const notPaused = { paused: false, reason: null, since: null };
    writeSettingWithMac(tx, PAUSE_KEY, notPaused, rowMac(rowsKey, 'settings', PAUSE_KEY, settingMacFields(notPaused)), now);
  }
  const marker = { at: now };
  writeSettingWithMac(tx, ADOPTED_KEY, marker, rowMac(rowsKey, 'settings', ADOPTED_KEY, settingMacFields(marker)), now);
  return counts;
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
      return;
    }
    case 'webhook_sources': {
      const stored = tx.select().from(webhookSources).where(eq(webhookSources.id, row.key)).get();
      if (stored) tx.update(webhookSources).set({ integrityMac: rowMac(rowsKey, 'webhook_sources', stored.id, sourceMacFields(stored)) }).where(eq(webhookSources.id, stored.id)).run();
      return;
    }
    case 'settings': {
      const stored = readSettingWithMac(tx, row.key);
      const value = stored ? stored.value : { paused: true, reason: 'kill switch restored after an integrity alarm', since: now };
      writeSettingWithMac(tx, row.key, value, rowMac(rowsKey, 'settings', row.key, settingMacFields(value)), now);
      return;
    }
  }
}
