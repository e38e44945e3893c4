/**
 * One line of what a wallet holds ("0.42 ETH, 1,250.5 USDC"), for rotation reminders: the funds to
 * move to the new wallet. Digits are grouped on the exact decimal string, never through a float.
 */
import type { TokenBalance, WalletCheckResult } from './wallet-check-schema';

export function walletBalancesSummary(result: WalletCheckResult): string {
  if (result.outcome !== 'ok') return 'balances unknown (the last check could not read them)';
  const parts = [`${groupDigits(result.native.amount)} ${result.native.symbol}`];
  for (const token of result.tokens) {
    if (token.amount === null || token.problem !== null) continue;
    parts.push(`${groupDigits(token.amount)} ${token.symbol ?? shortToken(token)}`);
  }
  return parts.join(', ');
}

/** "1250.5" → "1,250.5": commas between thousands of the whole part; the fraction stays as it is. */
export function groupDigits(amount: string): string {
  const [whole = '0', fraction] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

function shortToken(token: TokenBalance): string {
  return token.token.length > 12 ? `${token.token.slice(0, 6)}…${token.token.slice(-4)}` : token.token;
}
