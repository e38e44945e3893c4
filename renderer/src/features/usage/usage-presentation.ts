/**
 * The usage report in words (issue 17): uses by what used the key and how many of them failed, AI
 * tokens, the cost the gateway priced, and which keys to show where.
 */
import type { CredentialKind, KeyUsageLine, UsageReport, UseCounts } from '../../api/contract-types';
import { formatCount, formatUsd } from '../../format/numbers';

export type UseSource = keyof Pick<KeyUsageLine, 'verification' | 'release' | 'order' | 'gateway'>;

export interface UseSourcePresentation {
  readonly source: UseSource;
  readonly label: string;
  readonly detail: string;
}

const gateway: UseSourcePresentation = { source: 'gateway', label: 'AI gateway', detail: 'calls your programs made through Keywarden’s local AI gateway' };
const orders: UseSourcePresentation = { source: 'order', label: 'Orders', detail: 'orders placed or looked up with the key' };
const programs: UseSourcePresentation = { source: 'release', label: 'Programs', detail: 'times Keywarden handed the key to a program you started' };
const checks: UseSourcePresentation = { source: 'verification', label: 'Checks', detail: 'checks of the key with its provider' };

/** What can use a key of this kind, the main use first: an AI key never places an order, an exchange key never goes through the AI gateway. */
export function useSourcesOf(kind: CredentialKind): readonly UseSourcePresentation[] {
  return kind === 'ai' ? [gateway, programs, checks] : [orders, programs, checks];
}

const NONE = '—';

/** "14", "14 (2 failed)", or a dash for none. */
export function usesText(counts: UseCounts): string {
  const total = counts.ok + counts.failed;
  if (total === 0) return NONE;
  return counts.failed === 0 ? formatCount(total) : `${formatCount(total)} (${formatCount(counts.failed)} failed)`;
}

/** Tokens sent and received, or a dash when the gateway reported none. */
export function tokensText(line: Pick<KeyUsageLine, 'tokensIn' | 'tokensOut'>): string {
  if (line.tokensIn === 0 && line.tokensOut === 0) return NONE;
  return `${formatCount(line.tokensIn)} in · ${formatCount(line.tokensOut)} out`;
}

/** What the priced calls cost; a dash when no call in the period had a price. */
export function costText(costUsd: number | null): string {
  if (costUsd === null) return NONE;
  if (costUsd > 0 && costUsd < 0.01) return `under ${formatUsd(0.01)}`;
  return formatUsd(costUsd);
}

/** Every use of the key in the period, by any source. */
export function totalUses(line: KeyUsageLine): number {
  return [line.verification, line.release, line.order, line.gateway].reduce((sum, counts) => sum + counts.ok + counts.failed, 0);
}

/** The AI keys of the report, the most used first, then by label. */
export function aiUsageLines(report: UsageReport): KeyUsageLine[] {
  return report.keys
    .filter((line) => line.kind === 'ai')
    .sort((a, b) => totalUses(b) - totalUses(a) || a.label.localeCompare(b.label));
}

/** The unused keys among `ids` (the AI keys): the report lists every kind. */
export function unusedAmong(report: UsageReport, ids: ReadonlySet<string>): UsageReport['unused'] {
  return report.unused.filter((key) => ids.has(key.id));
}
