/**
 * The agent's wire format, shared by the server and the client: newline-delimited JSON. A connection
 * opens with a handshake in which each side proves it can read this user's agent token
 * (agent-token.ts); then one request `{ id, channel, input }` is answered by `{ id, result }` with the
 * same `ContractResult` every transport returns, possibly after notices `{ id, notice: { code,
 * message } }` while it waits. Besides the contract's channels, the agent answers two requests about
 * itself (`agent.info`, `agent.stop`), which never reach the core.
 */
import { z } from 'zod';
import { toSerializedError } from '../errors';
import type { AgentAnswer } from './wire';

export { agentRequests, encodeLine, readJson, type AgentAnswer } from './wire';

/** A longer line is refused and the connection closed: nothing the contract takes comes near it. */
export const MAX_LINE_BYTES = 1024 * 1024;
/** Connections served at once; more wait in the kernel's backlog until one closes. */
export const MAX_CONNECTIONS = 32;

export const AgentRequest = z.strictObject({
  id: z.number().int().nonnegative(),
  channel: z.string().min(1).max(128),
  input: z.unknown(),
});
export type AgentRequest = z.infer<typeof AgentRequest>;

/** What `agent.info` answers: enough for `keywarden status` and for refusing a second agent. */
export const AgentInfo = z.object({
  pid: z.number().int(),
  dataFolder: z.string(),
  /** When the agent started (ISO 8601). */
  since: z.string(),
  /** When `--for` runs out and the agent locks and exits (ISO 8601); null without a limit (the desktop app). */
  until: z.string().nullable(),
  /** Who holds the vault: `keywarden agent` or the desktop app. */
  host: z.enum(['cli', 'desktop']),
  locked: z.boolean(),
});
export type AgentInfo = z.infer<typeof AgentInfo>;

/** An answer carrying a refusal, e.g. for a line that is not a request. */
export function errorAnswer(id: number | null, error: unknown): AgentAnswer {
  return { id, result: { ok: false, error: toSerializedError(error) } };
}

