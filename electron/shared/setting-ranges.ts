/**
 * The ranges within which a person may set Keywarden's settings. The core's schemas refuse outside
 * them; the window's forms say the same bounds in their messages before anything is sent.
 *
 * This file is the shared pure tier: it imports nothing.
 */

/** Auto-lock after at most a day of inactivity (0 = never). */
export const MAX_AUTO_LOCK_MINUTES = 1440;

/** Scheduled key checks at most 30 days apart (0 = off). */
export const MAX_VERIFY_INTERVAL_HOURS = 24 * 30;

/** A rotation reminder at most ten years after a key was created or rotated (0 = off). */
export const MAX_ROTATION_REMINDER_DAYS = 3650;

/** The widest price band a risk limit may set: a price at most 1000% from the market. */
export const MAX_PRICE_BAND_PCT = 1000;

/** The most leverage any supported exchange allows on a USDT perpetual (Binance USDⓈ-M and Bybit linear: 125x). */
export const EXCHANGE_MAX_LEVERAGE = 125;
