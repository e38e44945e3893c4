/**
 * The checks on a parsed alert that need no market data, shared by the listener and the simulator so
 * both say the same thing: staleness and the source's scope (accounts, sides, symbols). The risk gate
 * checks the scope again on the resolved symbol, plus the notional limit, which needs a price.
 */
import type { CredentialInfo } from '../credentials/credential-schema';
import type { SourceScope } from '../trading/trading-schema';
import type { TradingViewAlert } from './alert-payload';
import { tradingViewTime } from './tradingview';
import { compactSymbol } from '../../shared/market-symbol';

/** Why the alert is too old (or from the future), or undefined when its time is fine or absent. */
export function stalenessProblem(alert: TradingViewAlert, now: number, maxAgeSeconds: number): string | undefined {
  if (alert.time === undefined || maxAgeSeconds === 0) return undefined;
  const age = Math.round((now - alert.time) / 1000);
  if (age > maxAgeSeconds) return `The alert is ${age} s old (sent ${tradingViewTime(alert.time)}); alerts older than ${maxAgeSeconds} s are refused, so a late delivery never trades on an old signal.`;
  if (-age > maxAgeSeconds) return `The alert's time (${tradingViewTime(alert.time)}) is ${-age} s in the future: check this computer's clock (turn on automatic time sync).`;
  return undefined;
}

/** Why the source may not send this alert, or undefined. */
export function scopeProblem(source: { readonly label: string; readonly scope: SourceScope }, account: Pick<CredentialInfo, 'id' | 'label'>, alert: Pick<TradingViewAlert, 'side' | 'symbol' | 'account'>): string | undefined {
  const scope = source.scope;
  // The reply goes to whoever holds the token: echo only what the alert named, never an account's label.
  if (scope.accounts && !scope.accounts.includes(account.id)) return `This alert source may not trade this account ("${alert.account}").`;
  if (scope.sides && !scope.sides.includes(alert.side)) return `The alert source "${source.label}" may not ${alert.side}.`;
  if (scope.symbols && !scope.symbols.map(compactSymbol).includes(compactSymbol(alert.symbol))) {
    return `The alert source "${source.label}" may trade only ${scope.symbols.join(', ')}; this alert is for ${alert.symbol}.`;
  }
  return undefined;
}
