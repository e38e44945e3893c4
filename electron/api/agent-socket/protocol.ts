/**
 * The agent's wire format, shared by the server and the client: newline-delimited JSON, one request
 * `{ id, channel, input }` answered by `{ id, result }` with the same `ContractResult` every transport
 * returns. Besides the contract's channels, the agent answers two requests about itself (`agent.info`,
 * `agent.stop`), which never reach the core.
 */
import { z } from 'zod';
import { toSerializedError } from '../errors';
import { ContractError, type ContractResult } from '../contract';

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

const AgentResult = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ContractError })]);

/** `id` is null when the request line could not be read far enough to know it. */
export const AgentAnswer = z.object({ id: z.number().int().nonnegative().nullable(), result: AgentResult });
export type AgentAnswer = { readonly id: number | null; readonly result: ContractResult<unknown> };

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

/** Requests about the agent itself, answered by the server, never by the contract. */
export const agentRequests = { info: 'agent.info', stop: 'agent.stop' } as const;

export function encodeLine(message: AgentRequest | AgentAnswer): string {
  return `${JSON.stringify(message)}\n`;
}

/** An answer carrying a refusal, e.g. for a line that is not a request. */
export function errorAnswer(id: number | null, error: unknown): AgentAnswer {
  return { id, result: { ok: false, error: toSerializedError(error) } };
}

/** A line as JSON, or undefined: the parser's message may quote the line, and the line may hold a secret. */
export function readJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
