/** Amounts, prices and USD values as the user's locale writes them. */
const usd = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
const amount = new Intl.NumberFormat(undefined, { maximumFractionDigits: 8 });
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatUsd(value: number): string {
  return usd.format(value);
}

/** Coin amounts and prices: as many decimals as they have, up to 8 (satoshi precision). */
export function formatAmount(value: number): string {
  return amount.format(value);
}

export function formatCount(value: number): string {
  return whole.format(value);
}
