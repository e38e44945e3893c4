/**
 * The risk limits a vault starts with, and the sentence that tells the person so. Shared by the core
 * (which applies them) and the renderer and CLI (which say them), so the words never drift from the
 * numbers. A typo or a runaway strategy is the most common way to lose money with a bridge: a new
 * vault starts small, and the person raises or removes each cap on purpose.
 */

/** Percent a limit price (or an alert's price) may stray from the market before it is refused. */
export const STARTING_PRICE_BAND_PCT = 10;

/** The global limits of a vault whose person has not set any. Null = no limit. */
export const startingGlobalLimits = {
  tradingEnabled: true,
  paperMode: false,
  symbolAllowList: null,
  maxOrderNotionalUsd: 100,
  maxDailyNotionalUsd: 500,
  maxOpenExposureUsd: null,
  maxOrdersPerMinute: 30,
  maxPriceDeviationPct: STARTING_PRICE_BAND_PCT,
  /** Perpetual futures: a new vault allows at most 5x until the person raises it. */
  maxLeverage: 5,
  maxPositionNotionalUsd: null,
} as const;

/** An account's own limits before the person sets any: nothing beyond the global ones, which always apply. */
export const noAccountLimits = {
  tradingEnabled: true,
  paperMode: false,
  symbolAllowList: null,
  maxOrderNotionalUsd: null,
  maxDailyNotionalUsd: null,
  maxOpenExposureUsd: null,
  maxOrdersPerMinute: null,
  maxPriceDeviationPct: null,
  maxLeverage: null,
  maxPositionNotionalUsd: null,
} as const;

/** What first run (window and CLI) tells a person about the limits their new vault has. */
export function startingLimitsSentence(): string {
  const { maxOrderNotionalUsd, maxDailyNotionalUsd, maxOrdersPerMinute } = startingGlobalLimits;
  return `To start, every order is capped at $${maxOrderNotionalUsd}, trading at $${maxDailyNotionalUsd} a day and ${maxOrdersPerMinute} orders a minute, and a price more than ${STARTING_PRICE_BAND_PCT}% from the market is refused. Raise or remove these on Risk limits.`;
}
