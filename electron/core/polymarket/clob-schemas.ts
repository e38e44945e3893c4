/**
 * The shapes of what Polymarket answers, as @polymarket/clob-client-v2 src/types/clob.ts describes
 * them (OrderBookSummary, BalanceAllowanceResponse, OpenOrder, OrderResponse, MarketDetails, …) and
 * gamma's market list. Only the fields Keywarden reads; the rest pass through unread.
 */
import { z } from 'zod';

const decimalText = z.string().regex(/^\d+(\.\d+)?$/);
const numberish = z.union([z.number(), decimalText]).transform((value) => `${value}`);

export const apiCredentialsAnswer = z.object({ apiKey: z.string().min(1), secret: z.string().min(1), passphrase: z.string().min(1) });

export const apiKeysAnswer = z.object({
  apiKeys: z.array(z.union([z.string(), z.object({ key: z.string() }).transform((entry) => entry.key)])).nullable().transform((keys) => keys ?? []),
});

export const balanceAllowanceAnswer = z.object({
  balance: z.string().regex(/^\d+$/),
  allowances: z.record(z.string(), z.string().regex(/^\d+$/)).optional().default({}),
});
export type BalanceAllowance = z.infer<typeof balanceAllowanceAnswer>;

const bookLevel = z.object({ price: decimalText, size: decimalText });
export const orderBookAnswer = z.object({
  market: z.string(),
  asset_id: z.string(),
  bids: z.array(bookLevel),
  asks: z.array(bookLevel),
  min_order_size: numberish,
  tick_size: numberish,
  neg_risk: z.boolean(),
  last_trade_price: z.string().optional(),
});
export type OrderBook = z.infer<typeof orderBookAnswer>;

export const tickSizeAnswer = z.object({ minimum_tick_size: numberish });
export const negRiskAnswer = z.object({ neg_risk: z.boolean() });
export const marketByTokenAnswer = z.object({ condition_id: z.string().min(1) });

/** GET /clob-markets/{condition_id} (MarketDetails). */
export const clobMarketAnswer = z.object({
  c: z.string().optional(),
  t: z.array(z.object({ t: z.string(), o: z.string() }).nullable()),
  mts: numberish,
  nr: z.boolean().optional(),
  mos: numberish.optional(),
  ao: z.boolean().optional(),
});

export const openOrder = z.object({
  id: z.string(),
  status: z.string(),
  market: z.string(),
  asset_id: z.string(),
  side: z.string(),
  original_size: z.string(),
  size_matched: z.string(),
  price: z.string(),
  outcome: z.string().optional(),
  order_type: z.string().optional(),
  created_at: z.number().optional(),
  expiration: z.string().optional(),
});
export type OpenOrder = z.infer<typeof openOrder>;
export const openOrdersPage = z.object({ data: z.array(openOrder), next_cursor: z.string() });

export const postOrderAnswer = z.object({
  success: z.boolean(),
  errorMsg: z.string().optional().default(''),
  orderID: z.string().optional().default(''),
  status: z.string().optional().default(''),
  makingAmount: z.string().optional(),
  takingAmount: z.string().optional(),
  transactionsHashes: z.array(z.string()).optional(),
  tradeIDs: z.array(z.string()).optional(),
});
export type PostOrderAnswer = z.infer<typeof postOrderAnswer>;

export const cancelAnswer = z.object({
  canceled: z.array(z.string()).optional().default([]),
  not_canceled: z.record(z.string(), z.string()).optional().default({}),
});

/** Gamma's market: outcomes and token ids arrive as JSON text inside strings. */
const jsonStringArray = z.string().transform((text, context) => {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed as string[];
  } catch {
    // fall through
  }
  context.addIssue({ code: 'custom', message: 'not a JSON list of strings' });
  return z.NEVER;
});
export const gammaMarket = z.object({
  slug: z.string(),
  question: z.string().optional(),
  conditionId: z.string().optional(),
  outcomes: jsonStringArray,
  clobTokenIds: jsonStringArray,
  closed: z.boolean().optional(),
  active: z.boolean().optional(),
  negRisk: z.boolean().optional(),
  orderPriceMinTickSize: z.number().optional(),
  orderMinSize: z.number().optional(),
});
export type GammaMarket = z.infer<typeof gammaMarket>;

export const position = z.object({
  asset: z.string(),
  conditionId: z.string().optional(),
  size: z.number(),
  avgPrice: z.number().optional(),
  curPrice: z.number().optional(),
  outcome: z.string().optional(),
  title: z.string().optional(),
  slug: z.string().optional(),
});
export type Position = z.infer<typeof position>;

export const errorAnswer = z.object({ error: z.string() });
