/**
 * A label that is free: the one wanted, or, when it is taken, the same with a suffix
 * ("Binance main (restored)", then "(restored 2)", …), cut so it stays within `maxLength`.
 */
export function freeLabel(label: string, suffix: string, taken: (candidate: string) => boolean, maxLength = 64): string {
  if (!taken(label)) return label;
  for (let n = 1; ; n += 1) {
    const tail = n === 1 ? ` (${suffix})` : ` (${suffix} ${n})`;
    const candidate = `${label.slice(0, maxLength - tail.length).trimEnd()}${tail}`;
    if (!taken(candidate)) return candidate;
  }
}
