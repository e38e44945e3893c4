/**
 * One contract channel: input and output schemas, a one-line summary, and the rules of calling it
 * (whether the vault must be unlocked, whether a call counts as a person's activity, who may call).
 * `invokeChannel` alone enforces those rules, for every transport, so no handler or transport
 * re-checks them.
 */
import { z } from 'zod';
import type { AuditActor } from '../core/audit/audit-schema';

/** `unlocked`: refused with VAULT_LOCKED while the vault is locked, before anything runs. */
export type ChannelAccess = 'unlocked' | 'any';

/**
 * `user`: a call by a person (window, tray, CLI) pushes the idle auto-lock back. `none`: never, for
 * reads that screens and the tray repeat by themselves (they refresh when an alert trades, and an
 * alert must never keep the vault unlocked).
 */
export type ChannelActivity = 'user' | 'none';

/** Who calls: the window (renderer code), the tray, the CLI, or the app itself (timers, automatic refreshes). */
export type Caller = AuditActor;

/** Every transport but the webhook, which places orders through the core and never calls channels. */
export const everyCaller: readonly Caller[] = Object.freeze(['ui', 'tray', 'cli', 'system']);

/** Callers that are a person at a screen or terminal: only their calls count as activity. */
export const people: ReadonlySet<Caller> = new Set<Caller>(['ui', 'tray', 'cli']);

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly summary: string;
  readonly access: ChannelAccess;
  readonly activity: ChannelActivity;
  /** Who may call it; `everyCaller` unless narrower. */
  readonly callers: readonly Caller[];
  /** What a caller not in `callers` is told (CALLER_REFUSED); a plain default otherwise. */
  readonly callerRefusal?: string;
  /**
   * Calls from the app's window (actor 'ui': code in the renderer) are held to this narrower input,
   * for what only the main process may decide (a file path); anything else is refused with `refusal`.
   */
  readonly fromWindow?: { readonly input: z.ZodType<z.output<I>>; readonly refusal: string };
}

type ChannelDeclaration<I extends z.ZodType, O extends z.ZodType> = Omit<ChannelSpec<I, O>, 'callers'> & { readonly callers?: readonly Caller[] };

export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelDeclaration<I, O>): ChannelSpec<I, O> {
  return { ...spec, callers: spec.callers ?? everyCaller };
}

/** For channels that take nothing: an empty object, with unknown fields refused. */
export const NoInput = z.strictObject({});
