/**
 * One sentence for a count of refused webhook requests (refusal-counter.ts), the same in the app and
 * the CLI: "7,512 refused in the last hour from 127.0.0.1".
 */

export function refusalSummary(count: { readonly count: number; readonly remoteAddress: string | null }, hours = 1): string {
  const period = hours === 1 ? 'the last hour' : `the last ${hours} hours`;
  return `${count.count.toLocaleString('en-US')} refused in ${period} from ${count.remoteAddress ?? 'other addresses'}`;
}
