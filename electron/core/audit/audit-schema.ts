/** The shapes of audit records. Pure zod: the IPC contract imports this file. */
import { z } from 'zod';

export const AuditActor = z.enum(['ui', 'tray', 'webhook', 'cli', 'system']);
export type AuditActor = z.infer<typeof AuditActor>;

export const AuditOutcome = z.enum(['ok', 'denied', 'error']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditRecord = z.object({
  seq: z.number().int(),
  at: z.number(),
  actor: AuditActor,
  action: z.string(),
  subject: z.string().nullable(),
  outcome: AuditOutcome,
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const AuditChainProblem = z.enum(['edited', 'deleted', 'reordered', 'truncated', 'missing']);
export type AuditChainProblem = z.infer<typeof AuditChainProblem>;

export const AuditChainReport = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    rows: z.number().int(),
    /** True when the MACs were checked too (vault unlocked); false: only the plain hash chain and the structure. */
    keyed: z.boolean(),
    /** Rows written while the vault was locked and not yet endorsed (MAC'd) by an unlock. */
    pending: z.number().int(),
  }),
  z.object({
    ok: z.literal(false),
    rows: z.number().int(),
    firstBadSeq: z.number().int(),
    problem: AuditChainProblem,
    message: z.string(),
  }),
]);
export type AuditChainReport = z.infer<typeof AuditChainReport>;

/** The kinds of event (shared/audit-kinds.ts) as a schema. */
export const AuditKindSchema = z.enum(['keys', 'trading', 'alerts', 'vault', 'backups', 'settings', 'security', 'ai']);

/** Which rows to read: every filter reads an index (audit-query.ts), search reads the sentences. */
export const AuditFilter = z.strictObject({
  /** A key, by id or label (resolved to its id; a deleted key's id still finds its rows). */
  key: z.string().trim().min(1).max(64).optional(),
  kind: AuditKindSchema.optional(),
  /** From this time (ms, inclusive) … */
  since: z.number().int().nonnegative().optional(),
  /** … to this time (ms, exclusive). */
  until: z.number().int().positive().optional(),
  /** Words the sentence, the key's label or who did it must contain (case-insensitive). */
  search: z.string().trim().max(100).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

/** A row as a person reads it. */
export const AuditLine = z.object({
  seq: z.number().int(),
  at: z.number(),
  actor: AuditActor,
  action: z.string(),
  kind: AuditKindSchema,
  outcome: AuditOutcome,
  sentence: z.string(),
  /** The key's label now (or as recorded, for a deleted key); null when the row is about no key. */
  keyLabel: z.string().nullable(),
  keyDeleted: z.boolean(),
});
export type AuditLine = z.infer<typeof AuditLine>;

export const AuditPage = z.object({
  lines: z.array(AuditLine),
  /** Pass as beforeSeq for the next (older) page; null when there is none. */
  nextBeforeSeq: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
