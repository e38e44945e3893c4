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
