/**
 * Contract channels the tray uses that may not exist in every build (verification, webhook trading).
 * The tray calls them only through `invokeChannel` by name, so this file compiles whether or not they
 * exist yet; the menu offers an action only when the contract has its channel, and a call to a channel
 * that is missing comes back as INVALID_INPUT, shown as a plain note, never as a made-up result.
 */
import { z } from 'zod';
import { channelNames } from '../../api/contract';

export const VERIFY_ALL_CHANNEL = 'credentials.verifyAll';

/** The webhook-trading kill switch (electron/api/trading-contract.ts). */
export const TRADING_CHANNELS = {
  status: 'trading.status',
  pause: 'trading.pause',
  resume: 'trading.resume',
} as const;

export function contractHasChannel(name: string, names: readonly string[] = channelNames): boolean {
  return names.includes(name);
}

/**
 * The part of `credentials.verifyAll`'s output the tray shows: one entry per account. Read loosely
 * (other fields are ignored) so the tray keeps working while the verification result grows.
 */
export const VerifyAllOutput = z.array(z.object({ label: z.string(), outcome: z.string(), message: z.string() }));
export type VerificationResult = z.infer<typeof VerifyAllOutput>[number];

/** Whatever else `trading.status` returns, the tray reads only whether trading is paused. */
export const TradingStatusOutput = z.object({ paused: z.boolean() });

/** Whether alerts are refused because the vault is locked (webhook-setup-contract.ts, issue 19); read loosely. */
export const LISTENER_WATCH_CHANNEL = 'webhook.setup.status';
export const ListenerWatchOutput = z.object({ alertsRefusedWhileLocked: z.boolean() });

/** Open position drifts (issue 19): an account that no longer holds what its strategy's alerts say. */
export const DRIFT_CHANNEL = 'webhook.drift.list';
export const DriftListOutput = z.array(z.object({ accountLabel: z.string(), symbol: z.string(), base: z.string(), difference: z.number(), status: z.string() }));
