/**
 * Auto-lock in the agent: the vault's idle time runs as in the desktop app. The CLI's shortest
 * auto-lock is a minute, so this runs the real agent server in-process on a movable clock and talks
 * to it over its real socket: reads (`list`, `status`) do not push the lock back; an action does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../api/core-host';
import { startAgentServer, type AgentServer } from '../api/agent-socket/agent-server';
import { AgentClient } from '../api/agent-socket/agent-client';
import { makeBinanceHmacKey } from '../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome } from '../testing/test-core';

const SECOND = 1000;

describe('the agent locks after the vault\'s idle time', () => {
  const temp = makeTempHome('kw-agent-idle-');
  const clock = new ManualClock(Date.now());
  let core: Core;
  let server: AgentServer;
  let client: AgentClient;

  /** One channel call over the socket, as `keywarden <command>` makes it. */
  async function call(channel: string, input: unknown = {}): Promise<unknown> {
    const result = await client.request(channel, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  }
  const locked = async () => ((await call('vault.status')) as { locked: boolean }).locked;

  beforeAll(async () => {
    core = createTestCore(temp.home, { clock });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'system');
    core.vault.setAutoLockMinutes(1, 'system');
    await core.credentials.create({ provider: 'binance', label: 'main', fields: makeBinanceHmacKey() }, 'system');
    core.vault.lock('user', 'system');
    server = await startAgentServer({ core, dataFolder: temp.home, host: 'cli', onStopRequested: () => undefined });
    const connected = await AgentClient.connect(temp.home);
    if (!connected) throw new Error('the agent did not answer');
    client = connected;
  });
  afterAll(async () => {
    client.close();
    await server.close();
    core.close();
    temp.cleanup();
  });

  it('reads over the socket do not keep it unlocked; an action does', async () => {
    await call('vault.unlock', { method: 'passphrase', passphrase: TEST_PASSPHRASE });
    clock.advance(50 * SECOND);
    expect(await call('credentials.list')).toHaveLength(1);
    clock.advance(11 * SECOND);
    // 61 s after the unlock, 11 s after a read: locked.
    expect(await locked()).toBe(true);
    const refused = await client.request('credentials.list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });

    await call('vault.unlock', { method: 'passphrase', passphrase: TEST_PASSPHRASE });
    clock.advance(50 * SECOND);
    await call('credentials.update', { ref: 'main', label: 'main renamed' });
    clock.advance(20 * SECOND);
    // 70 s after the unlock, 20 s after an action: still unlocked.
    expect(await locked()).toBe(false);
    clock.advance(41 * SECOND);
    expect(await locked()).toBe(true);
  });
});
