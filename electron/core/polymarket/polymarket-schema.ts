/**
 * A Polymarket market and an account's positions as the window and the CLI see them (issue 18).
 * Pure zod: the contract imports this file. Prices are what a share of an outcome costs in pUSD
 * (0.01 to 0.99); sizes are shares.
 */
import { z } from 'zod';

export const PolymarketOutcome = z.object({
  outcome: z.string(),
  tokenId: z.string(),
  /** Best bid and ask now, from the order book; null when that side is empty. */
  bid: z.number().nullable(),
  ask: z.number().nullable(),
});
export type PolymarketOutcome = z.infer<typeof PolymarketOutcome>;

export const PolymarketMarket = z.object({
  /** The question, when the market was found by its slug or link. */
  question: z.string().nullable(),
  slug: z.string().nullable(),
  conditionId: z.string(),
  tickSize: z.string(),
  minOrderSize: z.string().nullable(),
  negRisk: z.boolean(),
  acceptingOrders: z.boolean().nullable(),
  outcomes: z.array(PolymarketOutcome),
});
export type PolymarketMarket = z.infer<typeof PolymarketMarket>;

export const PolymarketPosition = z.object({
  tokenId: z.string(),
  outcome: z.string().nullable(),
  title: z.string().nullable(),
  slug: z.string().nullable(),
  /** Shares held. */
  size: z.number(),
  /** What a share cost on average, in pUSD; null when Polymarket does not say. */
  averagePrice: z.number().nullable(),
  currentPrice: z.number().nullable(),
});
export type PolymarketPosition = z.infer<typeof PolymarketPosition>;

export const PolymarketPositions = z.object({
  credentialId: z.string(),
  label: z.string(),
  /** The wallet whose key signs the account's orders. */
  signer: z.string(),
  /** The address that holds the pUSD and the shares (the signer itself, or its proxy, Safe or deposit wallet). */
  funder: z.string(),
  /** pUSD free to spend, as a decimal string. */
  pusd: z.string(),
  positions: z.array(PolymarketPosition),
});
export type PolymarketPositions = z.infer<typeof PolymarketPositions>;

/** A market as a person names it: a slug, a polymarket.com link, or an outcome's token id. */
export const MarketReferenceText = z.string().trim().min(1, 'must name a market by its slug, link or token id').max(512, 'is too long for a market slug, link or token id');
