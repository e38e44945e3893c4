/** The native notification when rows are found changed outside Keywarden: a pure function of those rows. */
import type { IntegrityAlarm } from '../../api/contract-schemas';
import { INTEGRITY_HEADLINE } from './tray-menu';

const MAX_BODY_LINES = 4;

export function integrityNotice(alarms: readonly Pick<IntegrityAlarm, 'label'>[]): { title: string; body: string } {
  const labels = alarms.map((alarm) => alarm.label);
  const named = labels.length <= MAX_BODY_LINES ? labels : [...labels.slice(0, MAX_BODY_LINES - 1), `…and ${labels.length - (MAX_BODY_LINES - 1)} more`];
  return { title: `Keywarden: ${INTEGRITY_HEADLINE}`, body: [...named, 'Open Keywarden to review.'].join('\n') };
}
