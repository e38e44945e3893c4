/**
 * The `futures_settings` table: the leverage and margin mode a person chose per account and
 * perpetual. Only an explicit action of theirs writes it (never an alert), in the same step that
 * applies it to the exchange; paper orders use it as their leverage.
 */
import { and, eq } from 'drizzle-orm';
import type { OpenedDatabase } from '../../store/database';
import { futuresSettings, type FuturesSettingsRow } from '../../store/schema';

type Db = OpenedDatabase['db'];

export interface FuturesSetting {
  readonly symbol: string;
  readonly leverage: number;
  readonly marginMode: 'cross' | 'isolated';
  readonly updatedAt: number;
}

export function readFuturesSetting(db: Pick<Db, 'select'>, credentialId: string, symbol: string): FuturesSetting | null {
  const row = db.select().from(futuresSettings).where(and(eq(futuresSettings.credentialId, credentialId), eq(futuresSettings.symbol, symbol))).get();
  return row ? toSetting(row) : null;
}

export function listFuturesSettings(db: Pick<Db, 'select'>, credentialId: string): FuturesSetting[] {
  return db.select().from(futuresSettings).where(eq(futuresSettings.credentialId, credentialId)).all().map(toSetting);
}

export function writeFuturesSetting(db: Pick<Db, 'insert'>, credentialId: string, setting: FuturesSetting): void {
  db.insert(futuresSettings)
    .values({ credentialId, ...setting })
    .onConflictDoUpdate({ target: [futuresSettings.credentialId, futuresSettings.symbol], set: { leverage: setting.leverage, marginMode: setting.marginMode, updatedAt: setting.updatedAt } })
    .run();
}

function toSetting(row: FuturesSettingsRow): FuturesSetting {
  return { symbol: row.symbol, leverage: row.leverage, marginMode: row.marginMode, updatedAt: row.updatedAt };
}
