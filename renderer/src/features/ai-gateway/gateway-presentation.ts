/**
 * The gateway's forms and lists as text: budgets and caps typed by a person (read by the shared
 * number rule, electron/shared/decimal-input.ts, so "20,50" is 20.5 here as in the CLI, and the
 * messages are the rule's own), the one-key-per-provider rule of a local token, and a token's keys
 * and month in a line. Pure, so it is unit-tested without a page.
 */
import { readNonNegativeDecimal, readPositiveDecimal, readWholeNumber } from '../../../../electron/shared/decimal-input';
import type { KeyBudgetLine, LocalTokenInfo } from '../../api/contract-types';
import { formatCount, formatUsd } from '../../format/numbers';
import { costText } from '../usage/usage-presentation';

/** A limit as typed: empty is "no limit" (null), else its value, or the rule's message. */
export type LimitReading = { readonly ok: true; readonly value: number | null } | { readonly ok: false; readonly message: string };

/** The monthly budget in US dollars: more than 0, or empty for no budget. */
export function readMonthlyBudget(text: string): LimitReading {
  if (text.trim() === '') return { ok: true, value: null };
  const read = readPositiveDecimal(text, 'The monthly budget');
  return read.ok ? { ok: true, value: read.value } : read;
}

/** The calls-per-minute cap: a whole number of at least 1, or empty for no cap. */
export function readCallsPerMinute(text: string): LimitReading {
  if (text.trim() === '') return { ok: true, value: null };
  const read = readWholeNumber(text, 'The calls-per-minute cap');
  if (!read.ok) return read;
  // readWholeNumber takes 0 (a count may be 0); a cap of 0 calls would be a switch, not a cap.
  if (read.value < 1) return { ok: false, message: 'The calls-per-minute cap must be at least 1 (leave it empty for no cap).' };
  return { ok: true, value: read.value };
}

/** The text a limit is edited from: empty for none. */
export function limitText(value: number | null): string {
  return value === null ? '' : String(value);
}

/** This month's spend against the budget: "$3.20 of $20.00 (16%)", or the spend alone without one. */
export function spendText(line: Pick<KeyBudgetLine, 'spentUsd' | 'monthlyUsd'>): string {
  const shown = line.spentUsd === 0 ? formatUsd(0) : costText(line.spentUsd);
  if (line.monthlyUsd === null) return shown;
  const share = Math.floor((line.spentUsd / line.monthlyUsd) * 100);
  return `${shown} of ${formatUsd(line.monthlyUsd)} (${share}%)`;
}

/**
 * A token may use one key per provider, so the gateway always knows which to spend: the message
 * naming the providers chosen twice, or null. The core refuses it too; this says it before sending.
 */
export function oneKeyPerProviderProblem(chosen: readonly { readonly provider: string }[], providerName: (id: string) => string): string | null {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of chosen) {
    if (seen.has(key.provider)) twice.add(key.provider);
    seen.add(key.provider);
  }
  if (twice.size === 0) return null;
  return `Choose one key per provider: a call to a provider uses the token’s one key for it. Chosen twice: ${[...twice].map(providerName).join(', ')}.`;
}

/** A token's month in a line: "12 calls (1 failed) · $0.42". */
export function tokenMonthText(usage: LocalTokenInfo['thisMonth']): string {
  if (usage.calls === 0) return 'No calls';
  const calls = `${formatCount(usage.calls)} ${usage.calls === 1 ? 'call' : 'calls'}${usage.failed > 0 ? ` (${formatCount(usage.failed)} failed)` : ''}`;
  return `${calls} · ${costText(usage.costUsd)}`;
}

/** A price per million tokens as typed: 0 or more (a free local model costs 0), by the shared rule. */
export function readPricePerMTok(text: string, what: string): LimitReading {
  if (text.trim() === '') return { ok: false, message: `${what} is needed: enter 0 for a free model.` };
  const read = readNonNegativeDecimal(text, what);
  return read.ok ? { ok: true, value: read.value } : read;
}
