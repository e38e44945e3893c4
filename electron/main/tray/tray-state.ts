/**
 * What the tray shows, as plain data computed from plain data (DESIGN.md "System tray"): the overall
 * health behind the icon, the keys that need attention, the state of verification and of webhook
 * trading. No Electron here: tray-icon.ts and tray-menu.ts turn a TrayState into pixels and menus.
 */
import type { CredentialInfo, IntegrityAlarm } from '../../api/contract-schemas';
import type { VerificationResult } from './optional-channels';
import { EXPIRY_WARNING_DAYS } from '../../shared/key-warnings';

/** Overall health, in the order the icon reports it: the first that applies wins. */
export type TrayHealth = 'locked' | 'error' | 'paused' | 'warning' | 'ok';

export type VaultView = 'none' | 'locked' | 'unlocked';

export interface CredentialConcern {
  readonly label: string;
  readonly level: 'warning' | 'error';
  readonly reason: string;
}

export type VerificationView =
  | { readonly status: 'idle' }
  /** `done`: keys whose check has finished so far (each is stored as its exchange answers). */
  | { readonly status: 'running'; readonly total: number; readonly done: number }
  | { readonly status: 'done'; readonly results: readonly VerificationResult[] }
  /** The call did not produce results: the channel is missing, the vault is locked, … */
  | { readonly status: 'failed'; readonly note: string };

export interface TradingView {
  /** The contract has the pause / resume channels. */
  readonly available: boolean;
  readonly paused: boolean;
}

export interface TrayState {
  readonly health: TrayHealth;
  readonly vault: VaultView;
  /** Rows that decide whether money moves and were changed outside Keywarden (issue 14). */
  readonly integrityAlarms: readonly IntegrityAlarm[];
  readonly concerns: readonly CredentialConcern[];
  readonly credentialCount: number;
  readonly verifyAvailable: boolean;
  readonly verification: VerificationView;
  readonly trading: TradingView;
  /** Locked while the listener runs with an enabled source: every alert is refused until unlock (issue 19). */
  readonly alertsRefusedWhileLocked: boolean;
}

export interface TrayFacts {
  readonly vault: VaultView;
  /** Empty while locked (the list needs the vault key). */
  readonly credentials: readonly CredentialInfo[];
  /** From `integrity.status` and the `integrity.alarm` event; only checked while unlocked. */
  readonly integrityAlarms: readonly IntegrityAlarm[];
  readonly verifyAvailable: boolean;
  readonly verification: VerificationView;
  readonly trading: TradingView;
  /** From `webhook.setup.status`; absent counts as no. */
  readonly alertsRefusedWhileLocked?: boolean;
  /** Open position drifts (`webhook.drift.list`), while unlocked. */
  readonly drifts?: readonly DriftConcern[];
  readonly now: number;
}

/** An account whose holding no longer matches its strategy's alerts. */
export interface DriftConcern {
  readonly accountLabel: string;
  readonly symbol: string;
  readonly base: string;
  readonly difference: number;
}

const DAY = 24 * 60 * 60 * 1000;
/** Warn this long before an exchange-side key expiry: the window's and the core's threshold. */
export { EXPIRY_WARNING_DAYS };

export function deriveTrayState(facts: TrayFacts): TrayState {
  const unlocked = facts.vault === 'unlocked';
  const concerns = unlocked
    ? [...facts.credentials.flatMap((credential) => credentialConcerns(credential, facts.now)), ...(facts.drifts ?? []).map(driftConcern)]
    : [];
  // Alarms name accounts and sources, like the concerns: not for whoever sits at a locked machine.
  const integrityAlarms = unlocked ? facts.integrityAlarms : [];
  return {
    health: overallHealth(facts.vault, integrityAlarms.length > 0, concerns, facts.trading),
    vault: facts.vault,
    integrityAlarms,
    concerns,
    credentialCount: facts.credentials.length,
    verifyAvailable: facts.verifyAvailable,
    // Results name accounts: not for whoever sits at a locked machine.
    verification: facts.vault === 'unlocked' ? facts.verification : { status: 'idle' },
    trading: facts.trading,
    alertsRefusedWhileLocked: facts.vault === 'locked' && facts.alertsRefusedWhileLocked === true,
  };
}

function overallHealth(vault: VaultView, integrityAlarm: boolean, concerns: readonly CredentialConcern[], trading: TradingView): TrayHealth {
  if (vault !== 'unlocked') return 'locked';
  // The alarm pauses trading too, but it is an error: something changed what decides whether money moves.
  if (integrityAlarm) return 'error';
  if (concerns.some((concern) => concern.level === 'error')) return 'error';
  if (trading.available && trading.paused) return 'paused';
  if (concerns.length > 0) return 'warning';
  return 'ok';
}

/** A lost or doubled alert: the account holds more or less than its strategy says. */
function driftConcern(drift: DriftConcern): CredentialConcern {
  return { label: drift.accountLabel, level: 'warning', reason: `position drift on ${drift.symbol}: ${drift.difference > 0 ? '+' : ''}${drift.difference} ${drift.base} (Webhook page)` };
}

/** What is wrong with one key, most serious first. Revoked and disabled keys are out of use: nothing to say. */
export function credentialConcerns(credential: CredentialInfo, now: number): CredentialConcern[] {
  if (credential.status === 'revoked' || credential.status === 'disabled') return [];
  const concern = (level: CredentialConcern['level'], reason: string): CredentialConcern => ({ label: credential.label, level, reason });
  const found: CredentialConcern[] = [];
  if (credential.status === 'invalid') found.push(concern('error', { ai: 'rejected by its provider', wallet: 'its key no longer matches its address', polymarket: 'refused by Polymarket', exchange: 'rejected by the exchange' }[credential.kind]));
  const expiresAt = credential.expiresAt ?? credential.permissions?.expiresAt ?? null;
  const expired = credential.status === 'expired' || (expiresAt !== null && expiresAt <= now);
  if (expired) found.push(concern('error', 'expired'));
  if (credential.permissions?.withdraw === true) found.push(concern('warning', 'can withdraw funds'));
  if (credential.tradingBlock === 'permissions-widened') found.push(concern('warning', 'permissions widened since the last check'));
  if (!expired && expiresAt !== null && expiresAt - now <= EXPIRY_WARNING_DAYS * DAY) {
    found.push(concern('warning', `expires in ${plural(Math.max(1, Math.ceil((expiresAt - now) / DAY)), 'day')}`));
  }
  // The core decides when rotation is due (its reminder age is a setting).
  if (credential.rotationDue) found.push(concern('warning', 'rotation due'));
  return found;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
