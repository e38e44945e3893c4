/**
 * An order's maker and taker amounts, rounded the way @polymarket/clob-client-v2 rounds them
 * (src/order-builder/helpers/getOrderRawAmounts.ts, getMarketOrderRawAmounts.ts, roundingConfig.ts),
 * but in exact decimal arithmetic: the official helpers use JavaScript numbers and then round up at
 * `amount + 4` places before rounding down to `amount` places, precisely to undo binary error, so
 * the exact computation lands on the same digits. Everything is bigint in the end: 6-decimal base
 * units as decimal strings.
 */
import { KeywardenError } from '../errors';
import { POLYMARKET_TOKEN_DECIMALS } from './polymarket-contracts';

export const TICK_SIZES = ['0.1', '0.01', '0.005', '0.0025', '0.001', '0.0001'] as const;
export type TickSize = (typeof TICK_SIZES)[number];

interface RoundConfig {
  readonly price: number;
  readonly size: number;
  readonly amount: number;
}

/** roundingConfig.ts, ROUNDING_CONFIG. */
const ROUNDING: Readonly<Record<TickSize, RoundConfig>> = {
  '0.1': { price: 1, size: 2, amount: 3 },
  '0.01': { price: 2, size: 2, amount: 4 },
  '0.005': { price: 3, size: 2, amount: 5 },
  '0.0025': { price: 4, size: 2, amount: 6 },
  '0.001': { price: 3, size: 2, amount: 5 },
  '0.0001': { price: 4, size: 2, amount: 6 },
};

/** A non-negative exact decimal: `units / 10^scale`. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** A value as a fraction, for the one division (a market buy's shares = pUSD / price). */
interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

const MAX_FRACTION_DIGITS = 18;
/** The official client holds amounts in JavaScript numbers; past 2^53 base units it would sign other digits. */
const MAX_BASE_UNITS = BigInt(Number.MAX_SAFE_INTEGER);

/** Reads a plain decimal ("12", "0.55", ".5"); refuses signs, exponents, NaN and anything else. */
export function readDecimal(text: string, what: string): Decimal {
  const match = typeof text === 'string' ? /^(\d*)(?:\.(\d*))?$/.exec(text) : null;
  if (match === null || (match[1] === '' && (match[2] ?? '') === '')) {
    throw new KeywardenError('INVALID_INPUT', `The ${what} must be a plain decimal number such as 0.55.`);
  }
  const fraction = match[2] ?? '';
  if (fraction.length > MAX_FRACTION_DIGITS || match[1]!.length > 30) {
    throw new KeywardenError('INVALID_INPUT', `The ${what} has more digits than any order can carry.`);
  }
  return { units: BigInt(`${match[1] || '0'}${fraction}` || '0'), scale: fraction.length };
}

export function formatDecimal(value: Decimal): string {
  const digits = value.units.toString().padStart(value.scale + 1, '0');
  if (value.scale === 0) return digits;
  const whole = digits.slice(0, -value.scale);
  const fraction = digits.slice(-value.scale).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

function toFraction(value: Decimal): Fraction {
  return { num: value.units, den: 10n ** BigInt(value.scale) };
}

function multiply(a: Decimal, b: Decimal): Fraction {
  return { num: a.units * b.units, den: 10n ** BigInt(a.scale + b.scale) };
}

function divide(a: Decimal, b: Decimal): Fraction {
  return { num: a.units * 10n ** BigInt(b.scale), den: b.units * 10n ** BigInt(a.scale) };
}

/** Whether `value` has at most `places` decimal places. */
function fitsPlaces(value: Fraction, places: number): boolean {
  return (value.num * 10n ** BigInt(places)) % value.den === 0n;
}

function floorTo(value: Fraction, places: number): Fraction {
  const scale = 10n ** BigInt(places);
  return { num: (value.num * scale) / value.den, den: scale };
}

function ceilTo(value: Fraction, places: number): Fraction {
  const scale = 10n ** BigInt(places);
  const scaled = value.num * scale;
  return { num: scaled / value.den + (scaled % value.den === 0n ? 0n : 1n), den: scale };
}

/** The official "round up at amount + 4, then down to amount" step for a computed amount. */
function settleAmount(value: Fraction, places: number): Fraction {
  if (fitsPlaces(value, places)) return floorTo(value, places);
  const up = ceilTo(value, places + 4);
  return fitsPlaces(up, places) ? up : floorTo(up, places);
}

/** Base units (6 decimals) of a value that has at most 6 decimal places. */
function baseUnits(value: Fraction): bigint {
  return (value.num * 10n ** BigInt(POLYMARKET_TOKEN_DECIMALS)) / value.den;
}

export function isTickSize(value: string): value is TickSize {
  return (TICK_SIZES as readonly string[]).includes(value);
}

/** Refuses a price outside [tick, 1 − tick] (the official priceValid) or between two ticks. */
export function checkPrice(priceText: string, tickSize: TickSize): Decimal {
  const price = readDecimal(priceText, 'price');
  const tick = readDecimal(tickSize, 'tick size');
  const scale = Math.max(price.scale, tick.scale);
  const priceUnits = price.units * 10n ** BigInt(scale - price.scale);
  const tickUnits = tick.units * 10n ** BigInt(scale - tick.scale);
  const one = 10n ** BigInt(scale);
  if (priceUnits < tickUnits || priceUnits > one - tickUnits) {
    throw new KeywardenError('INVALID_INPUT', `The price must be between ${tickSize} and ${formatDecimal({ units: one - tickUnits, scale })} on this market.`);
  }
  if (priceUnits % tickUnits !== 0n) {
    throw new KeywardenError('INVALID_INPUT', `The price ${formatDecimal(price)} is not on this market's tick of ${tickSize}: use a multiple of ${tickSize}.`);
  }
  return price;
}

export interface OrderAmounts {
  readonly side: 'BUY' | 'SELL';
  /** What the maker gives, in base units: pUSD for a buy, shares for a sell. */
  readonly makerAmount: string;
  /** What the maker receives, in base units. */
  readonly takerAmount: string;
  /** The shares (BUY: received, SELL: given) after rounding, as a decimal string. */
  readonly shares: string;
}

/** A limit order (GTC, GTD): `size` shares at `price`. */
export function limitOrderAmounts(side: 'BUY' | 'SELL', sizeText: string, priceText: string, tickSize: TickSize): OrderAmounts {
  const config = ROUNDING[tickSize];
  const price = checkPrice(priceText, tickSize);
  const shares = floorTo(toFraction(readDecimal(sizeText, 'size')), config.size);
  const pusd = settleAmount(multiply(asDecimal(shares), price), config.amount);
  return side === 'BUY' ? finish(side, pusd, shares, shares, 'size') : finish(side, shares, pusd, shares, 'size');
}

/** A market order (FOK, FAK): BUY spends `amount` pUSD, SELL sells `amount` shares, at worst `price`. */
export function marketOrderAmounts(side: 'BUY' | 'SELL', amountText: string, priceText: string, tickSize: TickSize): OrderAmounts {
  const config = ROUNDING[tickSize];
  const price = checkPrice(priceText, tickSize);
  const given = floorTo(toFraction(readDecimal(amountText, 'amount')), config.size);
  if (side === 'BUY') {
    const shares = settleAmount(divide(asDecimal(given), price), config.amount);
    return finish(side, given, shares, shares, 'amount');
  }
  const pusd = settleAmount(multiply(asDecimal(given), price), config.amount);
  return finish(side, given, pusd, given, 'amount');
}

function finish(side: 'BUY' | 'SELL', maker: Fraction, taker: Fraction, shares: Fraction, what: string): OrderAmounts {
  const makerAmount = baseUnits(maker);
  const takerAmount = baseUnits(taker);
  if (makerAmount === 0n || takerAmount === 0n) {
    throw new KeywardenError('ORDER_TOO_SMALL', `The ${what} rounds to nothing at this market's precision (2 decimal places of shares or pUSD).`);
  }
  if (makerAmount > MAX_BASE_UNITS || takerAmount > MAX_BASE_UNITS) {
    throw new KeywardenError('INVALID_INPUT', `The ${what} is larger than any order Polymarket takes.`);
  }
  return { side, makerAmount: makerAmount.toString(), takerAmount: takerAmount.toString(), shares: formatDecimal(asDecimal(shares)) };
}

/** A fraction whose denominator is a power of ten, back as a Decimal. */
function asDecimal(value: Fraction): Decimal {
  const scale = value.den.toString().length - 1;
  return { units: value.num, scale };
}
