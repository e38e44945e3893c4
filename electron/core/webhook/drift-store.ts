/**
 * The drift tables (schema.ts `drift_tracks`, `position_drifts`): per source, account and market the
 * holding the last alert expects, and the differences found. Called by position-drift.ts only.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../store/database';
import { driftTracks, positionDrifts } from '../store/schema';

export type DriftTrack = typeof driftTracks.$inferSelect;
export type DriftRow = typeof positionDrifts.$inferSelect;
export interface TrackKey { readonly sourceId: string; readonly credentialId: string; readonly symbol: string }

export function readTrack(db: Db, key: TrackKey): DriftTrack | undefined {
  return db.select().from(driftTracks).where(and(eq(driftTracks.sourceId, key.sourceId), eq(driftTracks.credentialId, key.credentialId), eq(driftTracks.symbol, key.symbol))).get();
}

export function writeTrack(db: Db, track: DriftTrack): void {
  db.insert(driftTracks).values(track).onConflictDoUpdate({
    target: [driftTracks.sourceId, driftTracks.credentialId, driftTracks.symbol],
    set: { base: track.base, baseline: track.baseline, expected: track.expected, updatedAt: track.updatedAt },
  }).run();
}

export function insertDrift(db: Db, row: DriftRow): void {
  db.insert(positionDrifts).values(row).run();
}

/** The open drift of one track, if any (a new finding replaces it: only the latest difference is true). */
export function openDriftOf(db: Db, key: TrackKey): DriftRow | undefined {
  return db.select().from(positionDrifts).where(and(eq(positionDrifts.status, 'open'), eq(positionDrifts.sourceId, key.sourceId), eq(positionDrifts.credentialId, key.credentialId), eq(positionDrifts.symbol, key.symbol))).get();
}

export function listDrifts(db: Db, onlyOpen: boolean, limit: number): DriftRow[] {
  const query = db.select().from(positionDrifts);
  return (onlyOpen ? query.where(eq(positionDrifts.status, 'open')) : query).orderBy(desc(positionDrifts.detectedAt)).limit(limit).all();
}

export function findDrift(db: Db, id: string): DriftRow | undefined {
  return db.select().from(positionDrifts).where(eq(positionDrifts.id, id)).get();
}

export function resolveDrift(db: Db, id: string, change: { status: 'dismissed' | 'fixed'; resolvedAt: number; orderId?: string | null }): void {
  db.update(positionDrifts).set({ status: change.status, resolvedAt: change.resolvedAt, orderId: change.orderId ?? null }).where(eq(positionDrifts.id, id)).run();
}

export function replaceDrift(db: Db, row: DriftRow): void {
  db.update(positionDrifts).set(row).where(eq(positionDrifts.id, row.id)).run();
}
