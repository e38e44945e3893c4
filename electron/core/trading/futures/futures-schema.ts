/** Perpetual futures as the contract, the CLI and the Trade page see them. Pure zod: the contract imports this file. */
import { z } from 'zod';
import { CredentialRef } from '../../credentials/credential-schema';

const Symbol = z.string().trim().min(1, 'symbol must not be empty').max(64, 'symbol is too long');

export const FuturesPosition = z.object({
  /** Unified, e.g. BTC/USDT:USDT. */
  symbol: z.string(),
  side: z.enum(['long', 'short']),
  /** Size in the base coin, positive. */
  amount: z.number(),
  entryPrice: z.number(),
  markPrice: z.number(),
  leverage: z.number().nullable(),
  marginMode: z.enum(['cross', 'isolated']).nullable(),
  liquidationPrice: z.number().nullable(),
  unrealizedPnl: z.number(),
  /** How much of it Keywarden's own filled orders opened (what panic may close); 0 = opened elsewhere. */
  openedByKeywarden: z.number(),
});
export type FuturesPosition = z.infer<typeof FuturesPosition>;

export const FuturesSettingInfo = z.object({ symbol: z.string(), leverage: z.number().int(), marginMode: z.enum(['cross', 'isolated']), updatedAt: z.number() });

export const FuturesAccount = z.object({
  credentialId: z.string(),
  label: z.string(),
  /** Read from the exchange now; null when it could not be (paper, a key not verified: see note). */
  positionMode: z.enum(['one-way', 'hedge']).nullable(),
  positions: z.array(FuturesPosition),
  /** What Keywarden's paper orders hold, per market (signed: negative = short). */
  paperPositions: z.array(z.object({ symbol: z.string(), amount: z.number(), averagePrice: z.number() })),
  /** The leverage and margin mode the person set per market (applied to the exchange when set). */
  settings: z.array(FuturesSettingInfo),
  note: z.string().nullable(),
});
export type FuturesAccount = z.infer<typeof FuturesAccount>;

export const LeverageChange = z.strictObject({
  account: CredentialRef,
  symbol: Symbol,
  /** A whole number 1–125 ("10x" is read as 10); refused above the person's own max leverage. */
  leverage: z.union([z.number(), z.string().trim().max(12)]),
  marginMode: z.enum(['cross', 'isolated']).optional(),
});
export type LeverageChange = z.infer<typeof LeverageChange>;

export const CloseRequest = z.strictObject({
  account: CredentialRef,
  symbol: Symbol,
  /** Simulate the close (paper position) even if paper mode is off. */
  paper: z.boolean().optional(),
});
export type CloseRequest = z.infer<typeof CloseRequest>;

export const PanicPositionsPreview = z.object({
  /** Positions Keywarden opened, and the amount that will be closed (at most what its own orders opened). */
  toClose: z.array(z.object({ credentialId: z.string(), label: z.string(), symbol: z.string(), side: z.enum(['long', 'short']), amount: z.number() })),
  /** Positions (or their parts) opened elsewhere: left alone, listed so the person knows. */
  leftAlone: z.array(z.object({ credentialId: z.string(), label: z.string(), symbol: z.string(), side: z.enum(['long', 'short']), amount: z.number() })),
  /** Accounts whose positions could not be read (left alone, with why). */
  unreadable: z.array(z.object({ credentialId: z.string(), label: z.string(), message: z.string() })),
  /** Give it back to confirm: the close happens only if the positions are still what was shown. */
  confirmation: z.string(),
});
export type PanicPositionsPreview = z.infer<typeof PanicPositionsPreview>;
