/**
 * What happens to a key's open orders when the key is revoked or deleted, as the contract, the CLI
 * and the renderer see it. Pure zod: the IPC contract imports this file.
 */
import { z } from 'zod';
import { CredentialId, CredentialInfo } from '../credentials/credential-schema';
import { OrderInfo } from '../trading/trading-schema';

/**
 * `cancel` (the default): cancel them on the exchange while the key can still sign, then destroy it;
 * `keep`: leave them open there (Keywarden cannot cancel them afterwards).
 */
export const OpenOrdersChoice = z.enum(['cancel', 'keep']);
export type OpenOrdersChoice = z.infer<typeof OpenOrdersChoice>;

/**
 * What deleting a key does. A key that placed orders keeps its record, because the daily limits and
 * the order history count those orders: `keeps-record` revokes it (its secret is destroyed all the
 * same), and one already revoked cannot be deleted (`refused`). Otherwise `deletes-record`.
 */
export const KeyDeletion = z.enum(['deletes-record', 'keeps-record', 'refused']);
export type KeyDeletion = z.infer<typeof KeyDeletion>;

/** The orders of one key that may still be open on its exchange. */
export const KeyOpenOrders = z.object({
  credentialId: CredentialId,
  label: z.string(),
  provider: z.string(),
  /** The exchange's name, as messages write it ("Binance"). */
  exchangeName: z.string(),
  /** Open on the exchange, as Keywarden last saw them. */
  open: z.array(OrderInfo),
  /** Sent, or being sent, and not confirmed even after asking the exchange again: they may be open. */
  unconfirmed: z.array(OrderInfo),
  /** Simulated resting orders: they are closed in Keywarden; there is nothing on the exchange. */
  paperOpen: z.number().int(),
  /** What deleting this key would do. */
  deletion: KeyDeletion,
});
export type KeyOpenOrders = z.infer<typeof KeyOpenOrders>;

/** What was done with a key's open orders on the way to revoking or deleting it. */
export const OpenOrdersOutcome = z.object({
  choice: OpenOrdersChoice,
  exchangeName: z.string(),
  /** Canceled on the exchange because the key was revoked or deleted. */
  canceled: z.array(OrderInfo),
  /** Were no longer open when Keywarden canceled them (filled or closed meanwhile; the status says which). */
  alreadyClosed: z.array(OrderInfo),
  /** Left open on the exchange: Keywarden can no longer cancel them. */
  leftOpen: z.array(OrderInfo),
  /** May be open on the exchange: Keywarden could not confirm them, and can no longer ask. */
  unconfirmed: z.array(OrderInfo),
  /** Simulated resting orders closed in Keywarden. */
  paperCanceled: z.number().int(),
});
export type OpenOrdersOutcome = z.infer<typeof OpenOrdersOutcome>;

export const RevokeResult = z.object({ credential: CredentialInfo, orders: OpenOrdersOutcome });
export type RevokeResult = z.infer<typeof RevokeResult>;

export const DeleteResult = z.object({
  id: CredentialId,
  label: z.string(),
  /** True when orders were placed with the key: it was revoked instead, and its record stays (see KeyOpenOrders). */
  recordKept: z.boolean(),
  orders: OpenOrdersOutcome,
});
export type DeleteResult = z.infer<typeof DeleteResult>;
