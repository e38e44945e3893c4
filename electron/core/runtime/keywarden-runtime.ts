/**
 * What runs while Keywarden runs, started in one place for every host (the desktop app, `keywarden
 * serve`, `keywarden proxy`, the headless agent): the verification scheduler, reconciliation of
 * unconfirmed orders at each unlock, the webhook listener and the AI gateway. `stop()` undoes it in
 * reverse order.
 */
import type { GatewayStatus } from '../ai-gateway/gateway-schema';
import type { Core } from '../app';
import { toSerializedError } from '../errors';
import type { WebhookStatus } from '../webhook/webhook-schema';
import type { RuntimeReport } from './runtime-report';
import { reconcileAtEachUnlock } from './unlock-reconciler';
import { preloadCcxtSoon, preloadStoredExchanges } from './ccxt-preload';

export type { RuntimeReport } from './runtime-report';

/**
 * `'if-enabled'`: the listener runs whenever the `enabled` setting is on (the desktop app); a
 * listener that cannot start is reported. An object: it starts now, on these overrides of the
 * stored host and port (`serve --host/--port`); one that cannot start fails the start. `'none'`:
 * no listener (`keywarden agent`: `serve` is the headless way to take webhooks).
 */
export type ListenerPlan = 'if-enabled' | 'none' | { readonly host?: string | undefined; readonly port?: number | undefined };

/** The AI gateway's plan, read as the listener's: `'if-enabled'` (the desktop app), an object (`keywarden proxy --port`), `'none'` (default). */
export type GatewayPlan = ListenerPlan;

export interface RuntimeOptions {
  readonly listener: ListenerPlan;
  readonly gateway?: GatewayPlan;
  /** Import the exchange library in the background even without a listener (the agent trades on request). */
  readonly preloadExchanges?: boolean;
  /** Told what went wrong (or was reconciled) where no caller could catch it. Must not throw. */
  readonly report: (report: RuntimeReport) => void;
}

export interface KeywardenRuntime {
  /** The listener as it was once started (not running when it follows a setting that is off). */
  readonly listener: WebhookStatus;
  /** The AI gateway as it was once started. */
  readonly gateway: GatewayStatus;
  /**
   * Stops the listener, the reconciliation and the scheduler, and waits for alerts and a
   * reconciliation in flight. Idempotent; safe before or after `core.close()`.
   */
  stop(): Promise<void>;
}

export async function startRuntime(core: Core, options: RuntimeOptions): Promise<KeywardenRuntime> {
  // Re-verifies keys on schedule; the scheduler itself skips runs while the vault is locked.
  core.scheduler.start();
  const reconciler = reconcileAtEachUnlock(core, options.report);
  // The first exchange call after an unlock must not wait for ccxt's import (ccxt-preload.ts).
  const stopPreload = preloadStoredExchanges(core);
  let listener: WebhookStatus;
  let gateway: GatewayStatus;
  try {
    listener = await startListener(core, options);
    gateway = await startGateway(core, options);
    if (listener.running || options.preloadExchanges) void preloadCcxtSoon();
  } catch (error) {
    stopPreload();
    await stopAll(core, reconciler);
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    listener,
    gateway,
    stop: () => {
      stopPreload();
      return (stopping ??= stopAll(core, reconciler));
    },
  };
}

async function startGateway(core: Core, options: RuntimeOptions): Promise<GatewayStatus> {
  const plan = options.gateway ?? 'none';
  if (plan === 'none') return core.gateway.status();
  if (plan !== 'if-enabled') return core.gateway.start(plan);
  try {
    return await core.gateway.startIfEnabled();
  } catch (error) {
    options.report({ kind: 'gateway-failed', message: `AI gateway did not start: ${toSerializedError(error).message}` });
    return core.gateway.status();
  }
}

async function startListener(core: Core, options: RuntimeOptions): Promise<WebhookStatus> {
  if (options.listener === 'none') return core.webhook.status();
  if (options.listener !== 'if-enabled') return core.webhook.start(options.listener);
  try {
    return await core.webhook.startIfEnabled();
  } catch (error) {
    options.report({ kind: 'listener-failed', message: `webhook listener did not start: ${toSerializedError(error).message}` });
    return core.webhook.status();
  }
}

/** In reverse order of start. Each step runs even when an earlier one failed. */
async function stopAll(core: Core, reconciler: { stop(): Promise<void> }): Promise<void> {
  // Not just stopped: turning the `enabled` setting on later must not bring it back either.
  const gatewayStopped = core.gateway.stopFollowingEnabled();
  const listenerStopped = core.webhook.stopFollowingEnabled();
  const reconcilerStopped = reconciler.stop();
  core.scheduler.stop();
  const failed = (await Promise.allSettled([gatewayStopped, listenerStopped, reconcilerStopped])).find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
