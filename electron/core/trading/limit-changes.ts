/**
 * What a save of risk limits changed, for its audit row: only the fields whose value differs, each
 * with `<field>.from` and `<field>.to` (shared/audit-fields.ts reads them as "Max order value:
 * 500 → 1,000 USD"). Saving a form of seven limits after changing two records two.
 */
import type { AuditDetails } from '../audit/audit-log';
import type { RiskLimits } from './trading-schema';

type LimitValue = RiskLimits[keyof RiskLimits];

/** An allow-list is recorded as "BTC/USDT,ETH/USDT" (audit details hold scalars only). */
function scalar(value: LimitValue | undefined): string | number | boolean | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(',') : value;
}

/** `changes === null`: the scope's own limits were removed, nothing to list. */
export function limitChanges(current: RiskLimits, changes: Partial<RiskLimits> | null): AuditDetails {
  if (changes === null) return { changed: '' };
  const details: AuditDetails = {};
  const changed: string[] = [];
  for (const [field, next] of Object.entries(changes) as [keyof RiskLimits, LimitValue | undefined][]) {
    if (next === undefined) continue;
    const from = scalar(current[field]);
    const to = scalar(next);
    if (from === to) continue;
    changed.push(field);
    details[`${field}.from`] = from;
    details[`${field}.to`] = to;
  }
  return { changed: changed.join(','), ...details };
}
