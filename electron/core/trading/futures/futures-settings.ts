/**
 * The `futures_settings` table: the leverage and margin mode a person chose per account and
 * perpetual. Only an explicit action of theirs writes it (never an alert), in the same step that
 * applies it to the exchange; paper orders use it as their leverage. Each row carries a MAC
 * (row-integrity.ts): a row edited in the data folder raises the integrity alarm and reads as absent.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { RowGuard } from '../../integrity/integrity-guard';
import { futuresSettingKey, futuresSettingMacFields, protectedRow, rowMac, rowMacMatches } from '../../integrity/row-integrity';
import type { OpenedDatabase } from '../../store/database';
import { futuresSettings, type FuturesSettingsRow } from '../../store/schema';

type Db = OpenedDatabase['db'];

export interface FuturesSetting {
  readonly symbol: string;
  readonly leverage: number;
  readonly marginMode: 'cross' | 'isolated';
  readonly updatedAt: number;
}

/** The person's setting for one market, or null (none, or one that failed its MAC: the alarm is raised). */
export function readFuturesSetting(db: Pick<Db, 'select'>, credentialId: string, symbol: string, guard: RowGuard): FuturesSetting | null {
  const row = db.select().from(futuresSettings).where(and(eq(futuresSettings.credentialId, credentialId), eq(futuresSettings.symbol, symbol))).get();
  return row ? checked(row, guard) : null;
}

/** The account's settings that pass their MAC (each one that fails raises the alarm and is left out). */
export function listFuturesSettings(db: Pick<Db, 'select'>, credentialId: string, guard: RowGuard): FuturesSetting[] {
  return db.select().from(futuresSettings).where(eq(futuresSettings.credentialId, credentialId)).all().flatMap((row) => checked(row, guard) ?? []);
}

export function writeFuturesSetting(db: Pick<Db, 'insert'>, credentialId: string, setting: FuturesSetting, guard: RowGuard): void {
  const integrityMac = futuresSettingMac(guard.rowsKey(), credentialId, setting.symbol, setting);
  guard.rowWritten();
  db.insert(futuresSettings)
    .values({ credentialId, ...setting, integrityMac })
    .onConflictDoUpdate({ target: [futuresSettings.credentialId, futuresSettings.symbol], set: { leverage: setting.leverage, marginMode: setting.marginMode, updatedAt: setting.updatedAt, integrityMac } })
    .run();
}

export function futuresSettingMac(rowsKey: Buffer, credentialId: string, symbol: string, row: Pick<FuturesSettingsRow, 'leverage' | 'marginMode'>): string {
  return rowMac(rowsKey, 'futures_settings', futuresSettingKey(credentialId, symbol), futuresSettingMacFields(row));
}

export function futuresSettingMacMatches(rowsKey: Buffer, row: FuturesSettingsRow): boolean {
  return rowMacMatches(rowsKey, 'futures_settings', futuresSettingKey(row.credentialId, row.symbol), futuresSettingMacFields(row), row.integrityMac);
}

/** Every row (for the full check), and the rows written before MACs (for adoption). */
export function allFuturesSettingRows(db: Pick<Db, 'select'>, onlyWithoutMac = false): FuturesSettingsRow[] {
  const query = db.select().from(futuresSettings);
  return (onlyWithoutMac ? query.where(isNull(futuresSettings.integrityMac)) : query).all();
}

/** MACs one row again as it is (adoption, or a person acknowledging it). */
export function remacFuturesSetting(db: Pick<Db, 'update'>, rowsKey: Buffer, row: FuturesSettingsRow): void {
  db.update(futuresSettings).set({ integrityMac: futuresSettingMac(rowsKey, row.credentialId, row.symbol, row) })
    .where(and(eq(futuresSettings.credentialId, row.credentialId), eq(futuresSettings.symbol, row.symbol))).run();
}

function checked(row: FuturesSettingsRow, guard: RowGuard): FuturesSetting | null {
  if (!futuresSettingMacMatches(guard.rowsKey(), row)) {
    guard.tampered(protectedRow.futuresSetting(row.credentialId, row.symbol));
    return null;
  }
  // updatedAt is not covered by the MAC (it changes innocently) and is shown as stored.
  return { symbol: row.symbol, leverage: row.leverage, marginMode: row.marginMode, updatedAt: row.updatedAt };
}
