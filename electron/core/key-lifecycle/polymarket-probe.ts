/**
 * A Polymarket account's verification (issue 18), the same shape of result an exchange key's
 * signed calls give: the CLOB credentials work and belong to the wallet, the funder fits the
 * signature type, and the pUSD balance and allowances are read (polymarket/polymarket-check.ts).
 */
import { KeywardenError, isKeywardenError } from '../errors';
import { checkPolymarketAccount } from '../polymarket/polymarket-check';
import { findFunderWithPusd } from '../polymarket/funder-discovery';
import { openPolymarketSession, type PolymarketConnection } from '../polymarket/polymarket-accounts';
import type { DerivedCredentials } from '../polymarket/derived-credentials';
import type { ProbeResult } from './key-verifier';

const PUSD_DECIMALS = 6;

export async function probePolymarket(
  request: { readonly fingerprint?: string | undefined; readonly secrets: Readonly<Record<string, string>> },
  whenUnreachable: string,
  connection: PolymarketConnection,
  derived: DerivedCredentials,
): Promise<ProbeResult> {
  const started = performance.now();
  const base = () => ({ action: null, permissions: null, exchangeCode: null, latencyMs: Math.round(performance.now() - started), unreachable: null });
  let outcome;
  let elsewhere: { readonly message: string; readonly action: string } | null = null;
  try {
    const session = await openPolymarketSession(request.secrets, connection, derived, request.fingerprint);
    outcome = await checkPolymarketAccount({ chainId: 137, account: session.account, creds: session.creds, funder: session.funder, signatureType: session.signatureType, timeoutMs: connection.timeoutMs, ...(connection.baseUrl ? { baseUrls: { clob: connection.baseUrl, gamma: connection.baseUrl, data: connection.baseUrl } } : {}) });
    // A plain wallet with no pUSD: are the funds at the key's proxy, Safe or deposit wallet?
    if ((outcome.outcome === 'ok' || outcome.outcome === 'no-allowance') && session.signatureType === 0 && BigInt(outcome.balance) === 0n) {
      const found = await findFunderWithPusd(session.client, session.account.address);
      if (found) elsewhere = { message: `This wallet holds no pUSD itself, but its ${found.kind} ${found.address} holds ${formatPusd(found.balance)} pUSD.`, action: `Set ${found.address} as the funder (Funder on the account's page, or keywarden wallet-settings "<account>" with {"funderAddress":"${found.address}"}), so orders spend the pUSD that is there.` };
    }
  } catch (error) {
    if (isKeywardenError(error, 'REGION_BLOCKED')) outcome = { outcome: 'region-blocked' as const, message: error.message };
    else if (isKeywardenError(error, 'KEY_REFUSED')) outcome = { outcome: 'invalid-credentials' as const, message: error.message };
    else if (isKeywardenError(error)) outcome = { outcome: 'unavailable' as const, message: error.message };
    else throw error;
  }
  switch (outcome.outcome) {
    case 'ok':
      return { ...base(), outcome: 'ok', message: `${outcome.message} pUSD balance: ${formatPusd(outcome.balance)}.${elsewhere ? ` ${elsewhere.message}` : ''}`, action: elsewhere?.action ?? null };
    case 'no-allowance':
      // An empty wallet without allowances is most often not where the account's funds are.
      if (elsewhere) return { ...base(), outcome: 'no-allowance', message: `${elsewhere.message} This wallet itself has not allowed the exchange to spend pUSD.`, action: elsewhere.action };
      return { ...base(), outcome: 'no-allowance', message: outcome.message, action: 'Enable trading once on polymarket.com with this account (it approves pUSD for the exchange), then verify again.' };
    case 'invalid-credentials':
      return { ...base(), outcome: 'invalid-key', message: outcome.message, action: 'Check the API key, secret and passphrase, or rotate the account with the three API fields left empty to derive them from the key.' };
    case 'credentials-of-another-wallet':
      return { ...base(), outcome: 'wrong-wallet', message: outcome.message };
    case 'funder-mismatch':
      return { ...base(), outcome: 'funder-mismatch', message: outcome.message };
    case 'region-blocked':
      return { ...base(), outcome: 'region-blocked', message: `${outcome.message} Nothing about the account was learned.` };
    case 'unavailable': {
      const message = `${outcome.message.replace(/[.]\s*$/, '')}; ${whenUnreachable}`;
      return { ...base(), outcome: 'provider-unavailable', message, unreachable: new KeywardenError('SERVICE_UNREACHABLE', message, { provider: 'polymarket' }) };
    }
  }
}

/** "123.45" from 6-decimal base units, exactly (no float). */
export function formatPusd(baseUnits: string): string {
  const digits = baseUnits.replace(/^0+(?=\d)/, '').padStart(PUSD_DECIMALS + 1, '0');
  const whole = digits.slice(0, -PUSD_DECIMALS);
  const fraction = digits.slice(-PUSD_DECIMALS).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}
