/**
 * Turns each exchange's key-permission answer into KeyPermissions. Field meanings are from the
 * exchanges' docs (EXCHANGE-FACTS.md): Binance GET /sapi/v1/account/apiRestrictions (or, on the spot
 * testnet which has no /sapi, GET /api/v3/account), Bybit GET /v5/user/query-api.
 */
import type { KeyPermissions } from '../credentials/credential-schema';

const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : null);
const epochMs = (value: unknown): number | null => {
  if (typeof value === 'number' && value > 0) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const numeric = Number(value);
    if (Number.isFinite(numeric) && numeric > 0) return numeric;
    const parsed = Date.parse(value);
    if (Number.isFinite(parsed) && parsed > 0) return parsed;
  }
  return null;
};

export function fromBinanceApiRestrictions(body: Record<string, unknown>): KeyPermissions {
  return {
    read: bool(body['enableReading']) ?? true,
    trade: bool(body['enableSpotAndMarginTrading']),
    withdraw: bool(body['enableWithdrawals']),
    internalTransfer: bool(body['enableInternalTransfer']),
    universalTransfer: bool(body['permitsUniversalTransfer']),
    futures: bool(body['enableFutures']),
    margin: bool(body['enableMargin']),
    ipRestricted: bool(body['ipRestrict']),
    // Binance: after this time a key without an IP restriction loses its trading authority.
    expiresAt: epochMs(body['tradingAuthorityExpirationTime']),
    // apiRestrictions says only whether there is a list, not what is on it.
    ips: null,
    source: 'binance-api-restrictions',
  };
}

/** The spot testnet's fallback: GET /api/v3/account says only canTrade / canWithdraw. */
export function fromBinanceAccount(body: Record<string, unknown>): KeyPermissions {
  return {
    read: true,
    trade: bool(body['canTrade']),
    withdraw: bool(body['canWithdraw']),
    internalTransfer: null,
    universalTransfer: null,
    futures: null,
    margin: null,
    ipRestricted: null,
    expiresAt: null,
    ips: null,
    source: 'binance-account',
  };
}

/**
 * `now` dates Bybit's `deadlineDay` (days the key has left, for a key with no IP bound) when its
 * `expiredAt` is missing or the epoch placeholder.
 */
export function fromBybitQueryApi(result: Record<string, unknown>, now: number): KeyPermissions {
  const permissions = (result['permissions'] ?? {}) as Record<string, unknown>;
  const list = (group: string): string[] => (Array.isArray(permissions[group]) ? (permissions[group] as unknown[]).map(String) : []);
  const readOnly = Number(result['readOnly']) === 1;
  const ips = Array.isArray(result['ips']) ? (result['ips'] as unknown[]).map(String).filter((ip) => ip !== '') : [];
  return {
    read: true,
    trade: readOnly ? false : list('Spot').includes('SpotTrade'),
    withdraw: list('Wallet').includes('Withdraw'),
    internalTransfer: list('Wallet').includes('AccountTransfer'),
    universalTransfer: list('Wallet').includes('SubMemberTransfer'),
    futures: readOnly ? false : list('ContractTrade').length > 0 || list('Derivatives').length > 0,
    margin: null,
    // ["*"] (or no list) means any IP may use the key.
    ipRestricted: ips.length > 0 && !ips.includes('*'),
    expiresAt: epochMs(result['expiredAt']) ?? deadlineFromDays(result['deadlineDay'], now),
    ips: ips.filter((ip) => ip !== '*').slice(0, 64).map((ip) => ip.slice(0, 64)),
    source: 'bybit-query-api',
  };
}

function deadlineFromDays(value: unknown, now: number): number | null {
  const days = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  // -1 (or nothing) means the key does not expire.
  return Number.isInteger(days) && days >= 0 && days <= 3650 ? now + days * 86_400_000 : null;
}

/** For exchanges without a permission endpoint: the signed balance call worked, so it can read. */
export function balanceOnlyPermissions(): KeyPermissions {
  return { read: true, trade: null, withdraw: null, internalTransfer: null, universalTransfer: null, futures: null, margin: null, ipRestricted: null, expiresAt: null, ips: null, source: 'balance-only' };
}

const WIDENING: readonly (keyof KeyPermissions)[] = ['withdraw', 'internalTransfer', 'universalTransfer', 'futures', 'margin'];

/** The risky permissions that are on now but were off before (a key that can suddenly withdraw). */
export function widenedPermissions(before: KeyPermissions | null, after: KeyPermissions): string[] {
  if (!before) return [];
  const widened: string[] = WIDENING.filter((name) => after[name] === true && before[name] === false);
  if (before.ipRestricted === true && after.ipRestricted === false) widened.push('ipRestricted→any IP');
  return widened;
}
