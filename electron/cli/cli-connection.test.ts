/**
 * The CLI for keys on a home connection (issue 20): `list` / `show` carry the danger countdown of a
 * trading key with no IP restriction, `proxy-settings` sets an account's proxy from stdin (never an
 * argument) and prints it without credentials, `test-proxy` reaches the exchange through it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../testing/fake-exchange';
import { canUseSecondLoopback, startSocks5Proxy, type FakeProxy } from '../testing/fake-proxy';
import { keywardenCli } from '../testing/cli-runner';
import { filesContaining, makeTempHome } from '../testing/test-core';

describe('keywarden proxy-settings, test-proxy and the IP countdown', () => {
  const temp = makeTempHome('keywarden-cli-connection-');
  const printed: string[] = [];
  const open = makeBinanceHmacKey();
  const bound = makeBinanceHmacKey();
  const password = 'cli-proxy-pass-4Rt';
  let binance: FakeExchange;
  let proxy: FakeProxy;
  let env: Record<string, string>;
  let secondLoopback = false;
  const run = (args: string[], stdin?: string) => keywardenCli(temp.home, args, { env, ...(stdin === undefined ? {} : { stdin }) }, printed);

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    proxy = await startSocks5Proxy({ auth: { username: 'kw', password } });
    secondLoopback = await canUseSecondLoopback();
    binance.addKey(open);
    binance.addKey({ ...bound, allowedIps: ['127.0.0.2'] });
    env = { KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: binance.url }) };
    expect((await run(['init'])).code).toBe(0);
    expect((await run(['add', 'binance', '--label', 'Open'], JSON.stringify(open))).code).toBe(0);
    expect((await run(['add', 'binance', '--label', 'Bound'], JSON.stringify(bound))).code).toBe(0);
    await run(['verify', 'Open']);
  });
  afterAll(async () => {
    await proxy.stop();
    await binance.stop();
    temp.cleanup();
  });

  it('list and show say a Binance trading key with no IP restriction will be deleted (text and --json)', async () => {
    expect((await run(['list'])).stdout).toContain('will be deleted (no IP restriction)');
    expect((await run(['show', 'Open'])).stdout).toMatch(/IP\s+Will be deleted .*Binance deletes API keys/);
    const shown = JSON.parse((await run(['--json', 'show', 'Open'])).stdout) as { ipExposure: { state: string } };
    expect(shown.ipExposure.state).toBe('will-be-deleted');
  });

  it('proxy-settings --set reads the URL from stdin and shows it without its credentials; test-proxy goes through it', async (context) => {
    if (!secondLoopback) {
      console.log('Skipping: this machine cannot connect out from 127.0.0.2.');
      context.skip();
    }
    const direct = await run(['verify', 'Bound']);
    expect(direct.stdout).toContain('saw the request come from 127.0.0.1');
    const set = await run(['proxy-settings', 'Bound', '--set'], proxy.url);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain(`Proxy set: socks5://127.0.0.1:${proxy.port} (with a user name and password)`);
    const tested = await run(['test-proxy', 'Bound']);
    expect(tested.code, tested.stderr).toBe(0);
    expect(tested.stdout).toContain('Exchange reached: yes (ok)');
    expect(tested.stdout).toContain(`through socks5://127.0.0.1:${proxy.port}`);
    const junk = await run(['proxy-settings', 'Bound', '--set'], 'socks4://127.0.0.1:1080');
    expect(junk.code).not.toBe(0);
    expect(junk.stderr).toContain('socks4 proxies are not supported');
    const cleared = await run(['--json', 'proxy-settings', 'Bound', '--clear']);
    expect(JSON.parse(cleared.stdout)).toMatchObject({ proxy: null });
  });

  it('printed no proxy password and left none on disk', () => {
    expect(printed.join('\n')).not.toContain(password);
    expect(filesContaining(temp.home, password)).toEqual([]);
  });
});
