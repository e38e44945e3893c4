/** Words and dates of the Audit page: shared words for kinds, actors and results; date inputs as local days. */
import { auditKindWords, auditKinds, type AuditKind } from '../../../../electron/shared/audit-kinds';
import { actorWords, outcomeWords } from '../../../../electron/shared/audit-words';
import type { AuditLine } from '../../api/contract-types';

export { actorWords, outcomeWords };

export const kindOptions: readonly { readonly value: AuditKind | ''; readonly label: string }[] = [
  { value: '', label: 'All kinds' },
  ...auditKinds.map((kind) => ({ value: kind, label: auditKindWords[kind] })),
];

export function outcomeTone(outcome: AuditLine['outcome']): 'success' | 'warning' | 'danger' {
  return outcome === 'ok' ? 'success' : outcome === 'denied' ? 'warning' : 'danger';
}

/** "2026-03-01" from a date input → the start of that day here (ms); undefined when empty or not a day. */
export function dayStart(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  return Number.isFinite(at) ? at : undefined;
}

/** The end of the range is the start of the next day: "to 1 March" includes all of 1 March. */
export function dayEnd(value: string): number | undefined {
  const start = dayStart(value);
  if (start === undefined) return undefined;
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next.getTime();
}
