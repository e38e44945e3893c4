/**
 * `keywarden run` passes a program's output through this filter: every released value is replaced
 * by `<concealed by keywarden>`, even when the program writes it in pieces. The filter holds back
 * only the end of what it has seen that could still be the start of a value, so ordinary output
 * (a prompt, a progress line) passes at once.
 *
 * What it cannot see: a value the program transforms (base64, URL-encoded, split by a newline,
 * printed one character at a time with other text between). Values shorter than
 * MIN_CONCEALED_LENGTH are not concealed (they would blank out ordinary text): the core releases
 * no secret that short, only identifying fields (a user ID), which are not secret.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { MIN_CONCEALED_LENGTH } from '../shared/released-secret-length';

export const CONCEALED = '<concealed by keywarden>';
const marker = Buffer.from(CONCEALED, 'utf8');

export function concealingStream(values: readonly string[]): Transform {
  // Longest first, so a value that contains another is concealed whole.
  const needles = [...new Set(values)].filter((value) => value.length >= MIN_CONCEALED_LENGTH).map((value) => Buffer.from(value, 'utf8')).sort((a, b) => b.length - a.length);
  let held: Buffer = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const { shown, rest } = conceal(Buffer.concat([held, chunk]), needles, false);
      held = rest;
      done(null, shown.length > 0 ? shown : undefined);
    },
    flush(done: TransformCallback) {
      const { shown } = conceal(held, needles, true);
      held = Buffer.alloc(0);
      done(null, shown.length > 0 ? shown : undefined);
    },
  });
}

/**
 * Replaces each value found in `text`; `rest` is the tail that could begin a value (nothing at the
 * end of the stream). Overlapping occurrences are concealed as one span.
 */
export function conceal(text: Buffer, needles: readonly Buffer[], end: boolean): { shown: Buffer; rest: Buffer } {
  const spans = matchedSpans(text, needles);
  const holdFrom = end ? text.length : Math.max(spans.at(-1)?.[1] ?? 0, startOfPossibleValue(text, needles));
  const parts: Buffer[] = [];
  let cursor = 0;
  for (const [from, to] of spans) {
    if (from >= holdFrom) break;
    parts.push(text.subarray(cursor, from), marker);
    cursor = to;
  }
  parts.push(text.subarray(cursor, Math.max(cursor, holdFrom)));
  return { shown: Buffer.concat(parts), rest: Buffer.from(text.subarray(Math.max(cursor, holdFrom))) };
}

/** Every occurrence of every value, as merged [from, to) spans in order. */
function matchedSpans(text: Buffer, needles: readonly Buffer[]): [number, number][] {
  const found: [number, number][] = [];
  for (const needle of needles) {
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push([at, at + needle.length]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of found) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/** Where the longest tail of `text` that could begin some value starts (text.length if none). */
function startOfPossibleValue(text: Buffer, needles: readonly Buffer[]): number {
  const longest = needles[0]?.length ?? 0;
  for (let at = Math.max(0, text.length - longest + 1); at < text.length; at++) {
    const tail = text.subarray(at);
    if (needles.some((needle) => needle.length > tail.length && needle.subarray(0, tail.length).equals(tail))) return at;
  }
  return text.length;
}
