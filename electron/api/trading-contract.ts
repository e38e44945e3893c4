/** Contract channels for personal trading: orders, the risk gate and its limits, pause and panic. */
import { z } from 'zod';
import { CredentialRef } from '../core/credentials/credential-schema';
import { LimitsChange, LimitsOverview } from '../core/trading/limits-schema';
import { MarketSnapshot, OrderInfo, OrderIntent, OrderPreview, OrderStatus, PlaceResult } from '../core/trading/trading-schema';
import { channel, NoInput } from './channel';

const OrderId = z.string().trim().regex(/^o[a-z0-9]{11}$/, 'must be an order id (o + 11 letters and digits)');

const PauseState = z.object({ paused: z.boolean(), reason: z.string().nullable(), since: z.number().nullable() });

export const tradingChannels = {
  'trading.place': channel({ access: 'unlocked', activity: 'user', input: OrderIntent, output: PlaceResult, summary: 'Place an order (or simulate it in paper mode), through the risk gate.' }),
  'trading.preview': channel({
    access: 'unlocked', activity: 'user',
    input: OrderIntent,
    output: OrderPreview,
    summary: 'What the risk gate would say about an order now; places nothing.',
  }),
  'trading.market': channel({
    access: 'unlocked', activity: 'none',
    input: z.strictObject({ account: CredentialRef, symbol: z.string().trim().min(1, 'symbol must not be empty').max(512, 'symbol is too long'), outcome: z.string().trim().min(1).max(128).optional() }),
    output: MarketSnapshot,
    summary: "A market's price now and the account's free balance of both its coins.",
  }),
  'orders.list': channel({
    access: 'unlocked', activity: 'none',
    input: z.strictObject({ account: CredentialRef.optional(), statuses: z.array(OrderStatus).optional(), limit: z.number().int().min(1).max(1000).default(100) }),
    output: z.array(OrderInfo),
    summary: 'Order history, newest first.',
  }),
  'orders.get': channel({ access: 'unlocked', activity: 'none', input: z.strictObject({ id: OrderId }), output: OrderInfo, summary: 'One order.' }),
  'orders.refresh': channel({ access: 'unlocked', activity: 'user', input: z.strictObject({ id: OrderId }), output: OrderInfo, summary: "Ask the exchange for an order's current state." }),
  'orders.cancel': channel({ access: 'unlocked', activity: 'user', input: z.strictObject({ id: OrderId }), output: OrderInfo, summary: 'Cancel an open order.' }),
  'limits.get': channel({ access: 'unlocked', activity: 'none', input: NoInput, output: LimitsOverview, summary: 'Risk limits (global and per account) with what has been used today.' }),
  'limits.set': channel({
    access: 'unlocked', activity: 'user',
    input: LimitsChange,
    output: LimitsOverview,
    summary: 'Change risk limits, globally or for one account.',
  }),
  'trading.status': channel({ access: 'any', activity: 'none', input: NoInput, output: PauseState, summary: 'Whether trading is paused (the kill switch).' }),
  'trading.pause': channel({ access: 'any', activity: 'user', input: z.strictObject({ reason: z.string().max(200).optional() }), output: PauseState, summary: 'Pause all trading (kill switch).' }),
  'trading.resume': channel({ access: 'unlocked', activity: 'user', input: NoInput, output: PauseState, summary: 'Resume trading.' }),
  'trading.panic': channel({
    access: 'any', activity: 'user',
    input: NoInput,
    output: z.object({ paused: z.boolean(), canceled: z.number().int(), cancelFailed: z.number().int(), locked: z.boolean() }),
    summary: 'Pause trading, cancel every open order Keywarden placed, lock the vault.',
  }),
  'trading.reconcile': channel({
    access: 'unlocked', activity: 'user',
    input: NoInput,
    output: z.object({ checked: z.number().int(), updated: z.number().int(), placed: z.number().int() }),
    summary: 'Look up orders whose fate is unknown by their client order id.',
  }),
} as const;
