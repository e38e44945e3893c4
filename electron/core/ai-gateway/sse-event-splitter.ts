/**
 * Cuts a server-sent-event stream into whole events as its bytes arrive (an event ends at a blank
 * line: "\n\n", "\r\n\r\n" or "\r\r", per the HTML living standard's event-stream format), keeping
 * only the unfinished event. An event larger than the bound is not an AI provider's: the splitter
 * gives up (`overflowed`) and hands back what it held, so nothing is held without limit.
 */

/** Far above any real event (a chunk of text, a tool call's arguments, a usage record). */
export const MAX_EVENT_BYTES = 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;

export class SseEventSplitter {
  #pending: Buffer = Buffer.alloc(0);
  #overflowed = false;

  get overflowed(): boolean {
    return this.#overflowed;
  }

  /** The whole events this chunk completes, each with its terminating blank line. After an overflow, the chunk itself. */
  push(chunk: Buffer): Buffer[] {
    if (this.#overflowed) return [chunk];
    const data = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const events: Buffer[] = [];
    let start = 0;
    // Resume the search a little before the new bytes: a blank line may straddle two chunks.
    let index = Math.max(0, this.#pending.length - 3);
    // Where the next CR is (-1: none left), found again only once passed: a stream without CRs is scanned once.
    let crAt = data.indexOf(CR, index);
    while (index < data.length) {
      if (crAt !== -1 && crAt < index) crAt = data.indexOf(CR, index);
      const lfAt = data.indexOf(LF, index);
      const breakAt = lfAt === -1 ? crAt : crAt === -1 ? lfAt : Math.min(lfAt, crAt);
      if (breakAt === -1) break;
      const end = eventEnd(data, breakAt);
      if (end === -1) {
        index = breakAt + 1;
        continue;
      }
      events.push(data.subarray(start, end));
      start = end;
      index = end;
    }
    this.#pending = Buffer.from(data.subarray(start));
    if (this.#pending.length > MAX_EVENT_BYTES) {
      this.#overflowed = true;
      events.push(this.#pending);
      this.#pending = Buffer.alloc(0);
    }
    return events;
  }

  /** Whatever unfinished event is left when the stream ends. */
  rest(): Buffer {
    const rest = this.#pending;
    this.#pending = Buffer.alloc(0);
    return rest;
  }
}

/** Where an event that ends with the line break at `at` ends (after the blank line), or -1. */
function eventEnd(data: Buffer, at: number): number {
  const byte = data[at];
  if (byte === LF) {
    if (data[at + 1] === LF) return at + 2;
    if (data[at + 1] === CR && data[at + 2] === LF) return at + 3;
    return -1;
  }
  if (byte === CR) {
    if (data[at + 1] === LF && data[at + 2] === CR && data[at + 3] === LF) return at + 4;
    if (data[at + 1] === CR) return at + 2;
  }
  return -1;
}
