/**
 * The client's side of the agent's wire format, without zod: a command the agent answers should load
 * no more than the CLI itself (a `keywarden list` over the agent costs about what `node -e 0` does).
 * The server validates every request with the schemas in protocol.ts; the client checks only the
 * envelope it routes answers by, since the agent already checked each value against its channel's
 * output schema, and it is this user's own process behind an owner-only socket.
 */
import type { ContractResult } from '../contract';

/** Requests about the agent itself, answered by the server, never by the contract. */
export const agentRequests = { info: 'agent.info', stop: 'agent.stop' } as const;

/** `id` is null when the request line could not be read far enough to know it. */
export type AgentAnswer = { readonly id: number | null; readonly result: ContractResult<unknown> };

export function encodeLine(message: { readonly id: number; readonly channel: string; readonly input: unknown } | AgentAnswer): string {
  return `${JSON.stringify(message)}\n`;
}

/** A line as JSON, or undefined: the parser's message may quote the line, and the line may hold a secret. */
export function readJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** A notice about a request still in flight (`{ id, notice: { code, message } }`), e.g. that a person is being asked. */
export function noticeFrom(value: unknown): { readonly id: number; readonly notice: { readonly code: string; readonly message: string } } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, notice } = value as { id?: unknown; notice?: { code?: unknown; message?: unknown } | null };
  if (typeof id !== 'number' || typeof notice?.code !== 'string' || typeof notice.message !== 'string') return undefined;
  return { id, notice: { code: notice.code, message: notice.message } };
}

/** An answer to one of this client's requests: a numeric id and a result that is a success or a refusal with a code and message. */
export function answerFrom(value: unknown): { readonly id: number; readonly result: ContractResult<unknown> } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, result } = value as { id?: unknown; result?: unknown };
  if (typeof id !== 'number' || typeof result !== 'object' || result === null) return undefined;
  const { ok, error } = result as { ok?: unknown; error?: { code?: unknown; message?: unknown } | null };
  if (ok === true && 'value' in result) return { id, result: result as ContractResult<unknown> };
  if (ok === false && typeof error?.code === 'string' && typeof error.message === 'string') return { id, result: result as ContractResult<unknown> };
  return undefined;
}
