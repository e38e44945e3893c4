/**
 * The perpetual-futures part of a generated alert message: whether the alert trades a perpetual (a
 * fixed BTCUSDT.P / BTC/USDT:USDT, or {{ticker}} on a chart the person says is a perpetual one), the
 * field that lets a flat strategy close the position, and what the person must know that the
 * message cannot carry (leverage is theirs to set, never the alert's; hedge versus one-way mode).
 */
import { KeywardenError } from '../errors';
import { compactSymbol } from '../../shared/market-symbol';
import { isFuturesSymbol } from '../trading/futures/perpetual-symbol';
import { firstPlaceholder } from './tradingview';

/**
 * True when the message is for a perpetual. A fixed symbol decides by itself; `market` says what
 * {{ticker}} will be, and a fixed symbol that contradicts it is refused rather than guessed at.
 */
export function isPerpetualAlert(symbol: string, market: 'spot' | 'perpetual' | undefined, accountKind: string | undefined): boolean {
  const followsChart = firstPlaceholder(symbol) !== undefined;
  const fixedPerpetual = !followsChart && isFuturesSymbol(symbol);
  if (market === 'perpetual') {
    if (accountKind === 'polymarket') throw new KeywardenError('INVALID_INPUT', 'A Polymarket account trades prediction markets, not perpetual futures.', { field: 'market' });
    if (!followsChart && !fixedPerpetual) {
      throw new KeywardenError('INVALID_INPUT', `"${symbol.slice(0, 40)}" is a spot symbol. For the perpetual write ${compactSymbol(symbol).slice(0, 40)}.P (or use {{ticker}} on the perpetual chart).`, { field: 'symbol' });
    }
    return true;
  }
  if (market === 'spot' && fixedPerpetual) {
    throw new KeywardenError('INVALID_INPUT', `"${symbol.slice(0, 40)}" is a perpetual. Choose the perpetual market, or write the spot symbol (without .P).`, { field: 'symbol' });
  }
  return fixedPerpetual;
}

/** The notes a perpetual alert adds: what flat does, who sets leverage, position modes, percent sizing. */
export function perpetualNotes(strategy: boolean, unit: string): string[] {
  const notes: string[] = [];
  if (strategy) notes.push('Perpetual: "market_position" is the strategy\'s position after the order; when it is "flat", Keywarden closes the whole position with reduce-only orders, whatever the side and amount say.');
  notes.push('Leverage and margin mode are never set by an alert (one that carries them is refused): set them yourself for this account and market, on the Trade page or from the command line, before the alert fires.');
  notes.push('One-way or hedge mode: Keywarden reads the account\'s mode before each order and sends what it needs, so the message is the same for both. In hedge mode a sell adds to the short side and leaves a long open (a buy the reverse) unless the strategy is flat after it; a strategy that reverses belongs on an account in one-way mode.');
  if (unit === 'percent') notes.push('On a perpetual, a percentage is of the free futures margin, as the order\'s full value (not multiplied by leverage).');
  return notes;
}
