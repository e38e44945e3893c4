/**
 * `keywarden webhook tunnel …` and the several-accounts / percent messages, as a user runs them (the
 * bundled CLI in a child process), with the fake tunnel clients first on PATH: the tools found and
 * the install hints of the missing ones, the choice stored and shown, a wrong choice refused.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keywardenCli } from '../testing/cli-runner';
import { makeBinanceHmacKey } from '../testing/fake-exchange';
import { installFakeTunnels, type FakeTunnels } from '../testing/fake-tunnels/install-fake-tunnels';
import { makeTempHome } from '../testing/test-core';

describe('keywarden webhook tunnel', () => {
  const temp = makeTempHome('keywarden-cli-tunnel-');
  let fakes: FakeTunnels;
  let env: Record<string, string>;
  const run = (args: string[], stdin?: string) => keywardenCli(temp.home, args, { env, ...(stdin === undefined ? {} : { stdin }) });

  beforeAll(async () => {
    // Only cloudflared is "installed": ngrok and tailscale are reported with their install hints.
    fakes = installFakeTunnels(['cloudflared']);
    env = { PATH: `${fakes.bin}:${path.dirname(process.execPath)}:/usr/bin:/bin` };
    expect((await run(['init'])).code).toBe(0);
    expect((await run(['vault', 'auto-lock', '0'])).code).toBe(0);
  });
  afterAll(() => {
    fakes.remove();
    temp.cleanup();
  });

  it('lists the tools: installed ones, and how to install the others on this OS', async () => {
    const tools = await run(['webhook', 'tunnel', 'tools']);
    expect(tools.code, tools.stderr).toBe(0);
    expect(tools.stdout).toMatch(/cloudflared\s+Cloudflare Tunnel \(cloudflared\)\s+yes\s+not needed/);
    expect(tools.stdout).toMatch(/ngrok\s+ngrok\s+no\s+needed/);
    expect(tools.stdout).toContain('ngrok: Install');
    expect(tools.stdout).not.toContain('cloudflared: Install');
    const json = JSON.parse((await run(['--json', 'webhook', 'tunnel', 'tools'])).stdout) as Array<{ tool: string; installed: boolean }>;
    expect(json.map((t) => [t.tool, t.installed])).toEqual([['cloudflared', true], ['ngrok', false], ['tailscale', false]]);
  });

  it('stores the choice, shows it, and turns it off', async () => {
    const none = await run(['webhook', 'tunnel']);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toContain('No tunnel.');

    const chosen = await run(['webhook', 'tunnel', 'cloudflared']);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(chosen.stdout).toMatch(/Tunnel\s+cloudflared/);
    expect(chosen.stdout).toContain('The listener is not running here');
    const status = JSON.parse((await run(['--json', 'webhook', 'tunnel'])).stdout) as Record<string, unknown>;
    expect(status).toMatchObject({ choice: 'cloudflared', state: 'off', publicUrl: null, restarts: 0, lastError: null });

    const off = await run(['--json', 'webhook', 'tunnel', 'off']);
    expect(JSON.parse(off.stdout)).toMatchObject({ choice: 'none', state: 'off' });
    const wrong = await run(['webhook', 'tunnel', 'frp']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('[INVALID_INPUT]');
  });

  it('writes one message for several accounts, and one in percent', async () => {
    for (const label of ['Main', 'Second']) expect((await run(['add', 'binance', '--label', label], JSON.stringify(makeBinanceHmacKey()))).code).toBe(0);
    const several = await run(['--json', 'webhook', 'message', '--accounts', 'Main,Second', 'BTCUSDT', '--side', 'buy', '--amount', '0.001']);
    expect(several.code, several.stderr).toBe(0);
    const message = JSON.parse((JSON.parse(several.stdout) as { message: string }).message) as Record<string, unknown>;
    expect(message['accounts']).toHaveLength(2);
    expect(message).not.toHaveProperty('account');

    const percent = await run(['webhook', 'message', 'Main', 'BTCUSDT', '--side', 'sell', '--amount', '25', '--unit', 'percent']);
    expect(percent.code, percent.stderr).toBe(0);
    expect(percent.stdout).toContain('"unit": "percent"');
    expect(percent.stdout).toContain('sell 25% of the free balance');

    const both = await run(['webhook', 'message', '--accounts', 'Main,Second', 'Main', 'BTCUSDT', '--strategy']);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('give only the symbol');
  });
});
