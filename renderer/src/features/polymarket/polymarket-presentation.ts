/**
 * How the Polymarket pages say things: what to do after a check's outcome (the core sends its
 * "what to do" only with a fresh check; the list and the account page need it for the last stored
 * one too), and pUSD and share amounts.
 */
import type { VerificationOutcome } from '../../api/contract-types';

/** What to do after an outcome of a Polymarket account's check, where there is something to do. */
export const polymarketAdvice: Partial<Record<VerificationOutcome, string>> = {
  'no-allowance': 'Enable trading once on polymarket.com with this account (it approves pUSD for the exchange), then verify again.',
  'funder-mismatch': 'Rotate the account with the key of the wallet that created it, or with the funder address shown on your Polymarket profile.',
  'wrong-wallet': 'Rotate the account with the three API fields left empty: Keywarden derives this wallet’s own credentials.',
  'invalid-key': 'Check the API key, secret and passphrase, or rotate the account with the three API fields left empty to derive them from the key.',
  'region-blocked': 'Polymarket does not take orders from this computer’s region. Nothing about the account was learned.',
  'provider-unavailable': 'Polymarket could not be reached. Try again in a moment.',
};

/** "$12.50" for a pUSD amount (pUSD is worth one US dollar); the exact digits when they are longer. */
export function formatPusd(amount: string | number): string {
  const text = typeof amount === 'number' ? String(amount) : amount;
  const [whole = '0', fraction = ''] = text.split('.');
  const digits = fraction.replace(/0+$/, '');
  return `${whole}.${digits.length >= 2 ? digits : digits.padEnd(2, '0')} pUSD`;
}

/** A price per share (0.01 to 0.99) as cents: "45¢". */
export function formatCents(price: string | number | null): string {
  if (price === null || price === '') return '—';
  const value = Number(price);
  // No share trades at 0: a zero is a price Polymarket did not report.
  if (!Number.isFinite(value) || value <= 0) return '—';
  const cents = Math.round(value * 10_000) / 100;
  return `${cents}¢`;
}

/** The line under an account's check: the status's, except when the account works but its funder cannot trade yet. */
export function accountStatusNote(statusLine: string, lastOutcome: VerificationOutcome | undefined): string {
  return lastOutcome === 'no-allowance' ? 'The account signs in, but cannot trade until its funder lets the exchange spend its pUSD.' : statusLine;
}
