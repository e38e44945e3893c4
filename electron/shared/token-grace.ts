/**
 * How long an alert source's old token keeps working after a new one is issued, so that alerts
 * already set up in TradingView do not fail while the person pastes the new URL. The core applies
 * it (core/webhook/webhook-sources.ts); the window offers and names the same time.
 *
 * This file is the shared pure tier: it imports nothing.
 */

/** The grace of an ordinary rotation; a token that leaked stops at once (0). */
export const DEFAULT_TOKEN_GRACE_MINUTES = 10;
