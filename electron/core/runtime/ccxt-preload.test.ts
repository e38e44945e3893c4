/**
 * The first alert must not wait for ccxt's import (issue 22): a runtime whose listener runs (or the
 * agent, which asks for it) imports ccxt in the background right after start; one with neither
 * (the desktop app with the listener off) leaves it unloaded. Waits on the import itself, not a timer.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';
import type { Core } from '../app';
import type { CredentialInfo } from '../credentials/credential-schema';
import { CoreEvents } from '../events';
import { ccxtLoadState, isCcxtLoaded } from '../exchanges/ccxt-loader';
import { preloadCcxtSoon, preloadStoredExchanges } from './ccxt-preload';
import { startRuntime } from './keywarden-runtime';

describe('ccxt preload', () => {
  const temp = makeTempHome('keywarden-preload-');
  afterAll(() => temp.cleanup());

  it('is not loaded by a runtime without a listener, and is by one whose listener starts', async () => {
    const core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    const idle = await startRuntime(core, { listener: 'none', report: () => undefined });
    // The preload would have been scheduled for the next turn: let that turn pass.
    await new Promise((resolve) => setImmediate(resolve));
    expect(isCcxtLoaded()).toBe(false);
    await idle.stop();

    const listening = await startRuntime(core, { listener: { host: '127.0.0.1', port: 0 }, report: () => undefined });
    try {
      expect(listening.listener.running).toBe(true);
      // Nothing here asks for ccxt: the runtime's background import is what loads it.
      await vi.waitFor(() => expect(isCcxtLoaded()).toBe(true), { timeout: 60_000, interval: 20 });
      // And asking again afterwards costs nothing.
      await preloadCcxtSoon();
    } finally {
      await listening.stop();
      core.close();
    }
  });

  it('loads the classes of the stored exchange keys after an unlock, and nothing once stopped', async () => {
    const events = new CoreEvents();
    let unlocked = false;
    const stored: Partial<CredentialInfo>[] = [
      { provider: 'bybit', kind: 'exchange', status: 'active' },
      { provider: 'kraken', kind: 'exchange', status: 'revoked' },
      { provider: 'openai', kind: 'ai', status: 'active' },
    ];
    const list = vi.fn(() => stored);
    const core = { events, vault: { isUnlocked: () => unlocked }, credentials: { list } } as unknown as Core;
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const stop = preloadStoredExchanges(core);
    // Locked: nothing to read, nothing loaded.
    await turn();
    expect(list).not.toHaveBeenCalled();
    expect(ccxtLoadState().exchanges).not.toContain('bybit');
    unlocked = true;
    events.emit('vault.unlocked', {});
    await vi.waitFor(() => expect(ccxtLoadState().exchanges).toContain('bybit'), { timeout: 60_000, interval: 20 });
    // A revoked key's exchange and an AI provider are not loaded.
    expect(ccxtLoadState().exchanges).not.toContain('kraken');
    expect(ccxtLoadState().exchanges).not.toContain('openai');

    stop();
    const reads = list.mock.calls.length;
    events.emit('vault.unlocked', {});
    // The turn a preload would have been scheduled on, and one more: the keys were not even read.
    await turn();
    await turn();
    expect(list.mock.calls.length).toBe(reads);
  });
});
