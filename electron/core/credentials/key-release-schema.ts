/**
 * What `keywarden run` asks for when it hands a program a key's fields, and what it gets back.
 * Pure zod (the contract imports it). `ReleasedValues` is the one output besides a one-time token
 * that holds secrets: only the CLI may call the channel that returns it.
 */
import { z } from 'zod';
import { CredentialRef } from './credential-schema';

/** One `keywarden://<key>/<field>` reference, already split: a key's id or label and a field name. */
export const KeyReference = z.strictObject({
  key: CredentialRef,
  field: z.string().trim().min(1, 'must name a field').max(64),
});
export type KeyReference = z.infer<typeof KeyReference>;

export const ReleaseInput = z.strictObject({
  references: z.array(KeyReference).min(1, 'must name at least one key field').max(64, 'must name at most 64 key fields'),
  /** The program and its arguments, for the audit log only (never run by the core). */
  command: z.array(z.string().max(4096)).min(1, 'must name the program').max(256),
  /** Where the program runs, for the audit log only. */
  cwd: z.string().min(1).max(4096),
});
export type ReleaseInput = z.input<typeof ReleaseInput>;

/** In the order of the references; `key` as the reference named it. */
export const ReleasedValues = z.object({
  released: z.array(z.object({ key: z.string(), field: z.string(), secret: z.string() })),
});
export type ReleasedValues = z.infer<typeof ReleasedValues>;
