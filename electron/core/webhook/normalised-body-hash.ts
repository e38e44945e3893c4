/**
 * The hash that finds a repeated alert without an `id`. Hashing the raw bytes let a resend with one
 * more space (or keys in another order) pass as a new alert and place a second order. The hash is
 * of a normal form instead: a JSON body parsed and written again with sorted keys and trimmed
 * strings; any other body with its whitespace collapsed.
 */
import { createHash } from 'node:crypto';

export function normalisedBodyHash(body: Buffer): string {
  const text = body.toString('utf8');
  let normal: string;
  try {
    normal = `json:${JSON.stringify(normalise(JSON.parse(text)))}`;
  } catch {
    normal = `text:${text.replace(/\s+/g, ' ').trim()}`;
  }
  return createHash('sha256').update(normal).digest('hex');
}

function normalise(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, inner]) => [key, normalise(inner)]));
  }
  return value;
}
