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

/** How a person answers a program's request in the desktop app. */
export const ReleaseAnswer = z.enum(['session', 'always', 'deny']);
export type ReleaseAnswer = z.infer<typeof ReleaseAnswer>;

export const AnswerReleaseInput = z.strictObject({
  requestId: z.string().min(1).max(64),
  answer: ReleaseAnswer,
});

/** A program allowed to read a key always (stored, MAC'd: settings-registry.ts). `program` as programOf gives it. */
export const AlwaysApproval = z.object({ keyId: z.string(), program: z.string(), since: z.number() });
export type AlwaysApproval = z.infer<typeof AlwaysApproval>;

/** What the window shows while a program waits for a person's answer: names only, never a value. */
export const ReleaseApprovalRequest = z.object({
  requestId: z.string(),
  /** The command line's program and script, e.g. `python bot.py` (what an answer is remembered for). */
  program: z.string(),
  cwd: z.string(),
  keys: z.array(z.object({ id: z.string(), label: z.string(), fields: z.array(z.string()) })),
  /** How long the request waits for an answer before it is denied. */
  timeoutMs: z.number().int(),
});
export type ReleaseApprovalRequest = z.infer<typeof ReleaseApprovalRequest>;
