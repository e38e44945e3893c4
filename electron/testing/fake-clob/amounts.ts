/** Exact money for the fake: decimal strings <-> bigint base units (6 decimals), and rational prices. */

export const unitsPerWhole = 1_000_000n;
export const maxUint256 = 2n ** 256n - 1n;

/** "12.5" -> 12_500_000n. Throws on anything that is not a plain non-negative decimal with at most 6 places. */
export function toUnits(decimal: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(decimal);
  if (!match) throw new Error(`fake-clob: "${decimal}" is not a decimal amount with at most 6 places`);
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(6, '0');
  return BigInt(whole) * unitsPerWhole + BigInt(fraction);
}

/** 12_500_000n -> "12.5" (trailing zeros dropped, as the API prints sizes). */
export function fromUnits(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  const whole = abs / unitsPerWhole;
  const fraction = (abs % unitsPerWhole).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/** A price as an exact fraction num/den of pUSD per share. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

export function ratioOfDecimal(decimal: string): Ratio {
  return { num: toUnits(decimal), den: unitsPerWhole };
}

/** a <= b for non-negative fractions. */
export function ratioAtMost(a: Ratio, b: Ratio): boolean {
  return a.num * b.den <= b.num * a.den;
}

/** True when `price` is a whole multiple of `tick`. */
export function onTick(price: Ratio, tick: Ratio): boolean {
  return (price.num * tick.den) % (price.den * tick.num) === 0n;
}

/** The price as a decimal string with at most 6 places (rounded down), for display in order lists. */
export function ratioToDecimal(price: Ratio): string {
  return fromUnits((price.num * unitsPerWhole) / price.den);
}

/** Cost in pUSD base units of `shares` base units at `price`, rounded up (what a buyer pays). */
export function costOf(shares: bigint, price: Ratio, roundUp: boolean): bigint {
  const numerator = shares * price.num;
  const quotient = numerator / price.den;
  return roundUp && numerator % price.den !== 0n ? quotient + 1n : quotient;
}
