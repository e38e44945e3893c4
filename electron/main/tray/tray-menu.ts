/**
 * The tray menu as plain data, a pure function of TrayState (unit-tested for every state). The tray
 * controller turns each item into an Electron menu item and each action into a call.
 */
import { ALERTS_REFUSED_WHILE_LOCKED } from '../../shared/alerts-refused';
import { plural, type TrayState } from './tray-state';

export type TrayAction = 'verify-all' | 'pause-trading' | 'resume-trading' | 'lock-vault' | 'open-window' | 'quit';

export type TrayMenuItem =
  | { readonly kind: 'action'; readonly action: TrayAction; readonly label: string; readonly enabled: boolean }
  /** A line of information: shown greyed out, does nothing. */
  | { readonly kind: 'info'; readonly label: string }
  | { readonly kind: 'separator' };

/** At most this many lines of concerns or results, so the menu stays a menu. */
export const MAX_LINES = 8;
/** At most this many rows changed outside Keywarden; the window lists them all. */
export const MAX_ALARM_LINES = 3;

/** The window banner's words (renderer/src/app/IntegrityBanner.tsx), so tray and window say the same. */
export const INTEGRITY_HEADLINE = 'Changed outside Keywarden — trading is paused';
export const integrityAlarmLine = (label: string): string => `Changed outside Keywarden: ${label}`;
/** The kill switch's words in the window (renderer/src/features/trading/TradingSwitch.tsx), so tray and window say the same. */
export const TRADING_WORDS = { pause: 'Pause trading', resume: 'Resume trading', paused: 'Trading paused' } as const;


export function buildTrayMenu(state: TrayState): TrayMenuItem[] {
  const items: TrayMenuItem[] = [info(trayHeadline(state))];
  if (state.alertsRefusedWhileLocked) items.push(action('open-window', 'Unlock to accept alerts…', true));
  if (state.integrityAlarms.length > 0) {
    items.push(
      ...limitLines(state.integrityAlarms.map((alarm) => integrityAlarmLine(alarm.label)), MAX_ALARM_LINES).map(info),
      action('open-window', 'Open Keywarden to review', true),
    );
    if (state.concerns.length > 0) items.push(separator);
  }
  items.push(...limitLines(state.concerns.map((concern) => `${concern.level === 'error' ? '✖' : '⚠'} ${concern.label}: ${concern.reason}`)).map(info));
  items.push(separator, ...verificationItems(state));
  if (state.trading.available) {
    // Pausing is a safety switch and always works; resuming needs the vault unlocked (the core checks the keys).
    // The pause is global (manual, command-line and webhook orders alike): the window's words, not "webhook trading".
    items.push(separator, state.trading.paused
      ? action('resume-trading', state.vault === 'unlocked' ? TRADING_WORDS.resume : `${TRADING_WORDS.resume} (unlock first)`, state.vault === 'unlocked')
      : action('pause-trading', TRADING_WORDS.pause, true));
  }
  items.push(
    separator,
    action('lock-vault', 'Lock vault', state.vault === 'unlocked'),
    action('open-window', 'Open Keywarden', true),
    separator,
    action('quit', 'Quit Keywarden', true),
  );
  return items;
}

/** One line saying how things are; also the tooltip. */
export function trayHeadline(state: TrayState): string {
  if (state.vault === 'none') return 'No vault yet: open Keywarden to create one';
  if (state.vault === 'locked') return state.alertsRefusedWhileLocked ? `Vault locked · ${ALERTS_REFUSED_WHILE_LOCKED.toLowerCase()}` : 'Vault locked';
  // Before anything about the keys: until it is reviewed, what decides whether money moves is in doubt.
  if (state.integrityAlarms.length > 0) return INTEGRITY_HEADLINE;
  const errors = state.concerns.filter((concern) => concern.level === 'error').length;
  const warnings = state.concerns.length - errors;
  const paused = state.trading.available && state.trading.paused ? ` · ${TRADING_WORDS.paused.toLowerCase()}` : '';
  if (state.credentialCount === 0) return `No keys yet${paused}`;
  if (errors > 0) return `${plural(errors, 'problem')} with your keys${paused}`;
  if (warnings > 0) return `${plural(warnings, 'warning')} about your keys${paused}`;
  if (paused) return TRADING_WORDS.paused;
  return state.credentialCount === 1 ? 'Your key is OK' : `All ${state.credentialCount} keys OK`;
}

function verificationItems(state: TrayState): TrayMenuItem[] {
  if (!state.verifyAvailable) return [action('verify-all', 'Verify all keys (not available in this version)', false)];
  const verification = state.verification;
  if (verification.status === 'running') {
    const progress = verification.done > 0 ? ` ${Math.min(verification.done, verification.total)} of ${verification.total} done` : '';
    return [action('verify-all', `Verifying ${plural(verification.total, 'key')}…${progress}`, false)];
  }
  const canVerify = state.vault === 'unlocked' && state.credentialCount > 0;
  const label = state.vault === 'unlocked' ? 'Verify all keys' : 'Verify all keys (unlock first)';
  const items: TrayMenuItem[] = [action('verify-all', label, canVerify)];
  if (verification.status === 'failed') items.push(info(verification.note));
  if (verification.status === 'done') {
    items.push(...limitLines(verification.results.map((result) => `${result.outcome === 'ok' ? '✔' : '✖'} ${result.label}: ${result.message || result.outcome}`)).map(info));
  }
  return items;
}

function limitLines(lines: readonly string[], max = MAX_LINES): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max - 1), `…and ${lines.length - (max - 1)} more (open Keywarden)`];
}

const separator: TrayMenuItem = { kind: 'separator' };

function info(label: string): TrayMenuItem {
  return { kind: 'info', label };
}

function action(actionName: TrayAction, label: string, enabled: boolean): TrayMenuItem {
  return { kind: 'action', action: actionName, label, enabled };
}
