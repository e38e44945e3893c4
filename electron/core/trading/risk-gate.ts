/**
 * The risk gate: decides whether an order may go out, and names the rule when it may not. A pure
 * function of the order, the limits, what has been used, and the key's state. The caller evaluates
 * it inside the same SQLite write transaction that records the order, so no sequence of intents,
 * concurrent or not, in this process or another, can pass a limit.
 */
import type { CredentialInfo } from '../credentials/credential-schema';
import type { OrderSide, RiskDecision, RiskLimits, RiskUsage, SourceScope } from './trading-schema';
import { positionLimitRefusal } from './futures/futures-limits';

export interface GateInput {
  readonly credential: Pick<CredentialInfo, 'id' | 'label' | 'status' | 'tradingBlock'>;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly notionalUsd: number;
  /**
   * The price the order names (a limit price, or what a caller quoted for a market order) against the
   * market's last price: further apart than the band, it is refused. Null when the order names none.
   * `depth`: a market order on an order book (Polymarket) that would fill as far as `named` from the best price `market`.
   */
  readonly price: { readonly named: number; readonly market: number; readonly kind: 'limit' | 'quoted' | 'depth' } | null;
  /** What the account holds free of the asset the order spends; null when not checked (paper). */
  readonly balance: { readonly asset: string; readonly needed: number; readonly free: number } | null;
  readonly paper: boolean;
  readonly paused: boolean;
  readonly scope?: SourceScope | undefined;
  readonly limits: { readonly global: RiskLimits; readonly account: RiskLimits | null };
  /**
   * A perpetual-futures order: the position's full value (price × size) before and after it, and the
   * leverage set on the exchange for the market (null when not read: paper). A reduce-only order only
   * shrinks risk: the value caps (per order, per day, per position, the source's cap) do not hold it back.
   */
  readonly futures?: { readonly reduceOnly: boolean; readonly notionalBefore: number; readonly notionalAfter: number; readonly leverage: number | null } | undefined;
  readonly usage: { readonly global: RiskUsage; readonly account: RiskUsage };
}

const usd = (value: number) => `$${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
const plain = (value: number) => value.toLocaleString('en-US', { maximumSignificantDigits: 10 });

export function evaluateRisk(input: GateInput): RiskDecision {
  const { credential, limits, usage } = input;
  const block = (rule: NonNullable<RiskDecision['rule']>, message: string): RiskDecision => ({ allowed: false, rule, message });
  const scopes: { name: string; limits: RiskLimits; usage: RiskUsage }[] = [
    { name: 'global', limits: limits.global, usage: usage.global },
    ...(limits.account ? [{ name: `for "${credential.label}"`, limits: limits.account, usage: usage.account }] : []),
  ];

  if (input.paused) return block('paused', 'Trading is paused (kill switch). Resume trading to place orders.');
  if (!input.paper) {
    if (credential.status !== 'active') {
      return block('credential-unusable', credential.status === 'unverified'
        ? `"${credential.label}" has not been verified yet. Verify it first: Keywarden must know whether it can withdraw before trading with it.`
        : `"${credential.label}" is ${credential.status}. Verify or rotate it before trading.`);
    }
    if (credential.tradingBlock) {
      return block('trading-blocked', credential.tradingBlock === 'withdraw-enabled'
        ? `"${credential.label}" can withdraw funds. Turn withdrawals off for the key on the exchange, or accept the risk for this key, before trading with it.`
        : `"${credential.label}" gained permissions since it was last checked. Review and accept them for this key before trading with it.`);
    }
  }
  for (const scope of scopes) {
    if (!scope.limits.tradingEnabled) return block('trading-disabled', scope.name === 'global' ? 'Trading is turned off in the global limits.' : `Trading is turned off ${scope.name}.`);
  }
  const price = input.price;
  if (price) {
    for (const scope of scopes) {
      const band = scope.limits.maxPriceDeviationPct;
      const deviation = (Math.abs(price.named - price.market) / price.market) * 100;
      if (band !== null && deviation > band) {
        const where = `${deviation.toLocaleString('en-US', { maximumFractionDigits: 1 })}% ${price.named < price.market ? 'below' : 'above'} the market price of ${input.symbol} (${plain(price.market)})`;
        if (price.kind === 'depth') {
          return block('price-band', `The order book is too thin for this market order: filling it would take prices up to ${plain(price.named)}, ${deviation.toLocaleString('en-US', { maximumFractionDigits: 1 })}% from the best price of ${plain(price.market)}; more than ${band}% is refused (${scope.name}). Use a smaller amount or a limit order.`);
        }
        return block('price-band', price.kind === 'limit'
          ? `The limit price ${plain(price.named)} is ${where}; prices more than ${band}% from the market are refused (${scope.name}). Check the price, or widen the price band on Risk limits.`
          : `This market order names a price of ${plain(price.named)}, ${where}. A market order fills at the market, so a price that far off is refused (${scope.name}): it may be a typo, a stale chart or a forged alert.`);
      }
    }
  }
  const closing = input.futures?.reduceOnly === true;
  const source = input.scope;
  if (source) {
    if (source.accounts && !source.accounts.includes(credential.id)) return block('source-scope', 'This alert source may not trade this account.');
    if (source.symbols && !source.symbols.includes(input.symbol)) return block('source-scope', `This alert source may not trade ${input.symbol}.`);
    if (source.sides && !source.sides.includes(input.side)) return block('source-scope', `This alert source may not ${input.side}.`);
    if (source.maxNotionalUsd !== null && input.notionalUsd > source.maxNotionalUsd && !closing) {
      return block('source-scope', `This order is worth ${usd(input.notionalUsd)}; this alert source may place at most ${usd(source.maxNotionalUsd)} per order.`);
    }
  }
  for (const scope of scopes) {
    const allowed = scope.limits.symbolAllowList;
    if (allowed && !allowed.includes(input.symbol)) return block('symbol-not-allowed', `${input.symbol} is not on the symbol allow-list (${scope.name}).`);
  }
  const futures = input.futures;
  if (futures && !closing) {
    for (const scope of scopes) {
      const max = scope.limits.maxLeverage ?? null;
      if (max !== null && futures.leverage !== null && futures.leverage > max) {
        return block('max-leverage', `The leverage set on the exchange for ${input.symbol} is ${futures.leverage}x; the limit (${scope.name}) is ${max}x. Set the leverage to ${max}x or less first.`);
      }
      const refusal = positionLimitRefusal(futures.notionalAfter, futures.notionalBefore, scope.limits.maxPositionNotionalUsd ?? null, input.symbol, scope.name);
      if (refusal) return block('max-position', refusal);
    }
  }
  for (const scope of closing ? [] : scopes) {
    const max = scope.limits.maxOrderNotionalUsd;
    if (max !== null && input.notionalUsd > max) return block('max-order-notional', `This order is worth ${usd(input.notionalUsd)}; the limit per order (${scope.name}) is ${usd(max)}.`);
  }
  for (const scope of closing ? [] : scopes) {
    const max = scope.limits.maxDailyNotionalUsd;
    if (max !== null && scope.usage.dailyNotionalUsd + input.notionalUsd > max) {
      return block('max-daily-notional', `This order would bring today's traded value (${scope.name}) to ${usd(scope.usage.dailyNotionalUsd + input.notionalUsd)}; the daily limit is ${usd(max)} (resets at 00:00 UTC).`);
    }
  }
  // Open exposure counts spot holdings; a futures position has its own cap (max-position above).
  if (input.side === 'buy' && !futures) {
    for (const scope of scopes) {
      const max = scope.limits.maxOpenExposureUsd;
      if (max !== null && scope.usage.openExposureUsd + input.notionalUsd > max) {
        return block('max-open-exposure', `This buy would bring open exposure (${scope.name}) to ${usd(scope.usage.openExposureUsd + input.notionalUsd)}; the limit is ${usd(max)}. Sell or cancel first.`);
      }
    }
  }
  for (const scope of scopes) {
    const max = scope.limits.maxOrdersPerMinute;
    if (max !== null && scope.usage.ordersLastMinute + 1 > max) return block('max-orders-per-minute', `${max} orders were already placed in the last minute (${scope.name}); that is the limit.`);
  }
  const balance = input.balance;
  if (balance && balance.needed > balance.free) {
    return block('insufficient-balance', input.side === 'sell'
      ? `This sells ${plain(balance.needed)} ${balance.asset}, but "${credential.label}" has ${plain(balance.free)} ${balance.asset} free.`
      : `This buy costs about ${plain(balance.needed)} ${balance.asset}, but "${credential.label}" has ${plain(balance.free)} ${balance.asset} free.`);
  }
  return { allowed: true, rule: null, message: input.paper ? 'Allowed (paper trade: simulated, nothing is sent; the balance is not checked).' : 'Allowed.' };
}
