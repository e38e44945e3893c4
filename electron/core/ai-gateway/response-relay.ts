/**
 * Passes the provider's answer to the program as it arrives, reading its usage on the way
 * (usage-meter.ts). A stream is never held: each chunk is written on as it comes, except that an
 * include_usage stream the gateway asked for loses its usage-only chunk (request-inspection.ts), so
 * it goes on event by event. Back-pressure is kept: a program that reads slowly slows the provider
 * down, instead of the gateway buffering the answer.
 *
 * An error answer is small; it is held (up to a bound) so that the key can be taken out of it: some
 * providers echo the key (Gemini's "Consumer 'api_key:AIza…' has been suspended") or a masked form
 * of it ("Incorrect API key provided: sk-proj-********abcd").
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { returnedHeaders } from './upstream-client';
import { UsageMeter, isUsageOnlyChunk, type ReportedUsage } from './usage-meter';

/** Larger than any provider's error body; a larger one is cut there. */
const MAX_ERROR_BODY_BYTES = 256 * 1024;
/** A masked key as providers echo it: a few characters, three or more stars, a few characters. */
const MASKED_KEY = /[A-Za-z0-9_-]{0,16}\*{3,}[A-Za-z0-9_-]{0,8}/g;

export interface RelayOutcome {
  readonly status: number;
  readonly usage: ReportedUsage;
  /** The whole answer reached the program. */
  readonly completed: boolean;
}

export interface RelayOptions {
  readonly hideUsageChunk: boolean;
  /** Values that must never reach the program (the key), replaced wherever an error answer holds them. */
  readonly secrets: readonly string[];
}

export function relayAnswer(answer: IncomingMessage, res: ServerResponse, options: RelayOptions): Promise<RelayOutcome> {
  const status = answer.statusCode ?? 502;
  if (status >= 400) return relayError(answer, res, status, options.secrets);
  const stream = String(answer.headers['content-type'] ?? '').toLowerCase().startsWith('text/event-stream');
  const byEvent = stream && options.hideUsageChunk;
  const meter = new UsageMeter(stream);
  // Sent with the first piece of the answer, in one packet.
  res.writeHead(status, returnedHeaders(answer.headers, byEvent));
  return new Promise((resolve) => {
    let settled = false;
    const settle = (completed: boolean) => {
      if (settled) return;
      settled = true;
      resolve({ status, usage: meter.usage(), completed });
    };
    const write = (chunk: Buffer) => {
      if (chunk.length > 0 && !res.write(chunk)) {
        answer.pause();
        res.once('drain', () => answer.resume());
      }
    };
    answer.on('data', (chunk: Buffer) => {
      const events = meter.push(chunk);
      if (!byEvent) return write(chunk);
      for (const event of events) if (!isUsageOnlyChunk(event)) write(event);
    });
    answer.once('end', () => {
      const rest = meter.rest();
      if (byEvent) write(rest);
      res.end(() => settle(true));
    });
    // The provider's connection broke mid-answer: the program's is cut too, so it sees an incomplete answer, not a short one.
    const broken = () => {
      res.destroy();
      settle(false);
    };
    answer.once('error', broken);
    answer.once('close', () => {
      if (!answer.complete) broken();
    });
    // The program went away: stop the provider's answer (and what it costs).
    res.once('close', () => {
      if (!res.writableFinished) answer.destroy();
      settle(res.writableFinished);
    });
  });
}

function relayError(answer: IncomingMessage, res: ServerResponse, status: number, secrets: readonly string[]): Promise<RelayOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    answer.on('data', (chunk: Buffer) => {
      if (size >= MAX_ERROR_BODY_BYTES) return;
      chunks.push(chunk.subarray(0, MAX_ERROR_BODY_BYTES - size));
      size += chunk.length;
    });
    let finished = false;
    const finish = (completed: boolean) => {
      if (finished) return;
      finished = true;
      const body = Buffer.from(redact(Buffer.concat(chunks).toString('utf8'), secrets), 'utf8');
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(status, { ...returnedHeaders(answer.headers, true), 'content-length': String(body.length) });
        res.end(body);
      }
      resolve({ status, usage: { tokensIn: null, tokensOut: null }, completed });
    };
    answer.once('end', () => finish(true));
    answer.once('error', () => finish(false));
    answer.once('close', () => finish(answer.complete));
    res.once('close', () => answer.destroy());
  });
}

/** The text with every secret and every masked key replaced. */
export function redact(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 8) clean = clean.split(secret).join('[key held by Keywarden]');
  return clean.replace(MASKED_KEY, (masked) => (/\*{3,}/.test(masked) ? '[key held by Keywarden]' : masked));
}
