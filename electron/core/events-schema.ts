/**
 * Events the core emits, as zod schemas: the one definition the core's emitter, the IPC contract
 * and the renderer all use. Payloads carry ids and states, never secrets.
 */
import { z } from 'zod';

export const coreEventSchemas = {
  'vault.locked': z.object({ reason: z.enum(['user', 'idle', 'key-rotated-elsewhere', 'shutdown']) }),
  'vault.unlocked': z.object({}),
  'vault.keyRotated': z.object({ keyVersion: z.number().int() }),
  'credentials.changed': z.object({ id: z.string(), change: z.enum(['created', 'updated', 'deleted']) }),
} as const;

export type CoreEventName = keyof typeof coreEventSchemas;
export type CoreEventMap = { [K in CoreEventName]: z.infer<(typeof coreEventSchemas)[K]> };
export const coreEventNames = Object.keys(coreEventSchemas) as CoreEventName[];
