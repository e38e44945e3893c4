/**
 * Reading a request body with a bound, for Keywarden's two listeners (the webhook and the AI
 * gateway): the bytes are counted as they come, and reading stops as soon as the count goes over,
 * so a large or endless body never fills memory.
 */
import type { IncomingMessage } from 'node:http';

export type BoundedBody = Buffer | 'too-large' | 'aborted';

/** Reads at most `max` bytes; `done` is called once, with the body, 'too-large' or 'aborted' (the client went away). */
export function readBoundedBody(req: IncomingMessage, max: number, done: (body: BoundedBody) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (result: BoundedBody) => {
    if (finished) return;
    finished = true;
    req.removeAllListeners('data');
    done(result);
  };
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > max) {
      req.pause();
      finish('too-large');
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => finish(Buffer.concat(chunks, size)));
  req.on('error', () => finish('aborted'));
  req.on('close', () => finish('aborted'));
}
