/**
 * A key that can move money and has no IP restriction dies on its exchange (issue 20): Binance deletes
 * such keys (it publishes no deadline, so none is shown), Bybit invalidates a key with no IP bound 90
 * days after it was made and says when (`query-api` `expiredAt` / `deadlineDay`). This is the one rule
 * for that danger: the verifier sends it, the CLI prints it, the window shows it, notifications count
 * down with it. A read-only key with no IP restriction is not in danger.
 *
 * This file is the shared pure tier: it imports nothing.
 */

const DAY_MS = 86_400_000;

/** Notify when this many days (or fewer) remain, once per threshold. */
export const IP_DEADLINE_NOTICE_DAYS = [14, 3] as const;

export interface IpExposureFacts {
  /** The ccxt exchange id. */
  readonly provider: string;
  readonly permissions: {
    readonly trade: boolean | null;
    readonly withdraw: boolean | null;
    readonly futures?: boolean | null;
    readonly ipRestricted: boolean | null;
    readonly expiresAt?: number | null;
    /** The IPs the key is bound to, as the exchange listed them (public, not secret). */
    readonly ips?: readonly string[] | null | undefined;
  } | null;
}

/**
 * `will-be-deleted`: Binance deletes trading keys with no IP restriction and gives no date (both null).
 * `expires`: Bybit, the key stops working on `expiresAt` (from the exchange's own fields), `daysLeft` whole days from now.
 */
export interface IpExposure {
  readonly state: 'will-be-deleted' | 'expires';
  readonly expiresAt: number | null;
  readonly daysLeft: number | null;
  readonly message: string;
}

/** True when the key can do more than read and works from any IP address. */
export function canMoveMoneyFromAnyIp(facts: IpExposureFacts): boolean {
  const permissions = facts.permissions;
  if (permissions?.ipRestricted !== false) return false;
  return permissions.trade === true || permissions.withdraw === true || permissions.futures === true;
}

/** The danger a key runs because it has no IP restriction, or null when it has one or cannot move money. */
export function ipExposure(facts: IpExposureFacts, now: number): IpExposure | null {
  if (!canMoveMoneyFromAnyIp(facts)) return null;
  const fix = 'Bind it to a fixed IP address you control (a small server used as this account\'s proxy: Accounts → the key → Connection), or create a new key with an IP restriction and rotate this one.';
  if (facts.provider === 'binance') {
    return { state: 'will-be-deleted', expiresAt: null, daysLeft: null, message: `Binance deletes API keys that can trade with no IP restriction: this key will be deleted without notice. ${fix}` };
  }
  if (facts.provider === 'bybit') {
    const expiresAt = facts.permissions?.expiresAt ?? null;
    if (expiresAt === null) {
      return { state: 'expires', expiresAt: null, daysLeft: null, message: `Bybit invalidates keys with no IP bound 90 days after they were made; it did not say when this one ends. ${fix}` };
    }
    const daysLeft = Math.max(0, Math.round((expiresAt - now) / DAY_MS));
    const when = expiresAt <= now ? `expired on ${isoDay(expiresAt)}` : `expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${isoDay(expiresAt)})`;
    return { state: 'expires', expiresAt, daysLeft, message: `This key has no IP bound, so Bybit invalidates it: it ${when}. ${fix}` };
  }
  return null;
}

/** The short form for a list or a badge: "will be deleted", "expires in 5 days (2026-12-11)". */
export function ipExposureBadge(exposure: IpExposure): string {
  if (exposure.state === 'will-be-deleted') return 'will be deleted (no IP restriction)';
  if (exposure.expiresAt === null || exposure.daysLeft === null) return 'expires (no IP bound)';
  return exposure.daysLeft === 0 ? `expired ${isoDay(exposure.expiresAt)} (no IP bound)` : `expires in ${exposure.daysLeft} day${exposure.daysLeft === 1 ? '' : 's'} (${isoDay(exposure.expiresAt)})`;
}

/** The smallest notice threshold the key is within (3 before 14), or null when none applies yet. */
export function ipDeadlineThreshold(exposure: IpExposure | null): number | null {
  if (exposure?.state !== 'expires' || exposure.daysLeft === null) return null;
  const within = IP_DEADLINE_NOTICE_DAYS.filter((days) => exposure.daysLeft !== null && exposure.daysLeft <= days);
  return within.length === 0 ? null : Math.min(...within);
}

/** The IPs a key is bound to, for showing: none when it has no list or works from any IP. */
export function boundIps(facts: IpExposureFacts): readonly string[] {
  const ips = facts.permissions?.ips ?? [];
  return ips.filter((ip) => ip !== '*' && ip !== '');
}

/** Where a key's IP allow-list is edited on its exchange: the core's "IP not allowed" steps and the window's walk-through say it alike. */
export function allowListLocation(provider: string, exchangeName: string): string {
  if (provider === 'binance') return 'Binance → Account → API Management → the key → Edit restrictions → "Restrict access to trusted IPs only"';
  if (provider === 'bybit') return 'Bybit → Account → API → the key → Edit → "Only IPs with permissions granted are allowed to access the OpenAPI"';
  return `${exchangeName}'s API settings → the key's IP allow-list`;
}

function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
