/**
 * Events the core emits, as zod schemas: the one definition the core's emitter, the IPC contract
 * and the renderer all use. Payloads carry ids and states, never secrets.
 */
import { z } from 'zod';
import { ReleaseApprovalRequest } from './credentials/key-release-schema';

export const coreEventSchemas = {
  'vault.locked': z.object({ reason: z.enum(['user', 'idle', 'key-rotated-elsewhere', 'shutdown']) }),
  'vault.unlocked': z.object({}),
  'vault.keyRotated': z.object({ keyVersion: z.number().int() }),
  /** `verified`: only the result of a check changed, not the key (cached exchange clients stay). */
  'credentials.changed': z.object({ id: z.string(), change: z.enum(['created', 'updated', 'verified', 'deleted']) }),
  'order.updated': z.object({ id: z.string(), status: z.string(), credentialId: z.string() }),
  'trading.paused': z.object({ paused: z.boolean(), reason: z.string().nullable() }),
  /** A protected row was changed outside Keywarden (integrity-guard.ts): which table and row, never a secret. */
  'integrity.alarm': z.object({ table: z.string(), key: z.string(), label: z.string() }),
  /** Rows in alarm were saved again or acknowledged: fewer alarms stand (`remaining`). */
  'integrity.cleared': z.object({ remaining: z.number().int() }),
  /** A webhook alert reached its final state (outcome is a WebhookOutcome word). Never a token or the body. */
  'webhook.alert': z.object({ eventId: z.number().int(), outcome: z.string(), orderId: z.string().optional(), message: z.string() }),
  /** Position drift (position-drift.ts): found or updated (`open`), dismissed or brought in line. Amounts in the base coin; difference = actual − expected. */
  'webhook.drift': z.object({ id: z.string(), accountId: z.string(), symbol: z.string(), base: z.string(), expected: z.number(), actual: z.number(), difference: z.number(), status: z.enum(['open', 'dismissed', 'fixed']) }),
  /** The tunnel in front of the listener started, stopped, failed or restarted (tunnels/tunnel-service.ts); the public URL is an address, never a token. */
  'webhook.tunnel': z.object({ tool: z.string(), state: z.string(), publicUrl: z.string().nullable(), restarts: z.number().int(), message: z.string() }),
  /** A program waits for a person to allow it a key (release-approvals.ts): names only, never a value. */
  'release.approvalRequested': ReleaseApprovalRequest,
  /** A request is no longer waiting: answered, timed out, the vault locked, or the program gave up. */
  'release.approvalEnded': z.object({ requestId: z.string() }),
} as const;

export type CoreEventName = keyof typeof coreEventSchemas;
export type CoreEventMap = { [K in CoreEventName]: z.infer<(typeof coreEventSchemas)[K]> };
export const coreEventNames = Object.keys(coreEventSchemas) as CoreEventName[];
