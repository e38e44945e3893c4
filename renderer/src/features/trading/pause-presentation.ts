/** How the kill switch's state is said. */
import type { PauseState } from '../../api/contract-types';
import { formatDateTime } from '../../format/dates';

export function pauseReason(pause: PauseState): string {
  if (pause.reason === 'panic') return 'Panic';
  if (pause.reason === null || pause.reason === 'paused by the user') return 'Paused by you';
  return pause.reason;
}

export function pauseDetail(pause: PauseState): string {
  return `${pauseReason(pause)}${pause.since === null ? '' : `, ${formatDateTime(pause.since)}`}`;
}
