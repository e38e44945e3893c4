/**
 * ccxt loads lazily (ccxt-loader.ts), and the first exchange call after start used to wait for it (an
 * alert's ack up to 458 ms, issue 22). A running host (the desktop app, `serve`, `proxy`, the agent)
 * therefore loads, on a later turn after each unlock, the ccxt classes of the exchanges the person has
 * keys for: about 0.15 s of background work once per process, for only those exchanges, so the first
 * verification, order or alert does not pay it. One-shot CLI commands start no runtime and load
 * nothing ahead. A host that will trade (a listener, the agent) also loads ccxt's base right away, so
 * an exchange it has no key for yet costs only its own module.
 */
import type { Core } from '../app';
import { isCcxtLoaded, preloadCcxtBase } from '../exchanges/ccxt-loader';
import { loadClientClass } from '../exchanges/exchange-client';

/** Loads ccxt's base (and network modules) on the next turn; resolves when loaded (or failed, quietly). */
export function preloadCcxtSoon(): Promise<void> {
  if (isCcxtLoaded()) return Promise.resolve();
  return nextTurn().then(() => preloadCcxtBase().catch(() => undefined));
}

/**
 * After each unlock (and now, if the vault is open already), on a later turn, loads the classes of the
 * stored exchange keys' exchanges. Returns the stop: after it nothing new starts (an import already
 * under way cannot be cancelled; it ends on its own within a fraction of a second).
 */
export function preloadStoredExchanges(core: Core): () => void {
  let stopped = false;
  const preload = (): void => {
    void nextTurn().then(async () => {
      if (stopped || !core.vault.isUnlocked()) return;
      // With each class's lean subclass built (tens of ms the first time), as a client would need it.
      await Promise.all(storedExchangeIds(core).map((id) => loadClientClass(id).catch(() => undefined)));
    });
  };
  const unsubscribe = core.events.on('vault.unlocked', preload);
  if (core.vault.isUnlocked()) preload();
  return () => {
    stopped = true;
    unsubscribe();
  };
}

function storedExchangeIds(core: Core): string[] {
  try {
    const ids = core.credentials.list().filter((key) => key.status !== 'revoked' && key.kind === 'exchange').map((key) => key.provider);
    return [...new Set(ids)];
  } catch {
    // Locked again (or closed) in the meantime: nothing to load.
    return [];
  }
}

/** A later turn of the event loop, which does not by itself keep the process alive. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve).unref());
}
