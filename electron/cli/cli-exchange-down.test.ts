/** The CLI with the exchange down: `add --test` and `verify` say what happened, and scripts get exit code 6 when nothing was done. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../testing/fake-exchange';
import { keywardenCli } from '../testing/cli-runner';
import { TEST_PASSPHRASE, filesContaining, makeTempHome } from '../testing/test-core';

describe('keywarden with the exchange down', () => {
  const temp = makeTempHome('keywarden-cli-down-');
  const printed: string[] = [];
  const stored = makeBinanceHmacKey();
  const rejected = makeBinanceHmacKey();
  let binance: FakeExchange;
  let upEnv: Record<string, string>;
  let downEnv: Record<string, string>;
  const run = (args: string[], env: Record<string, string>, stdin?: string) => keywardenCli(temp.home, args, { env, ...(stdin === undefined ? {} : { stdin }) }, printed);

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    binance.addKey({ ...stored, allowedIps: ['127.0.0.1'] });
    // A port that was listening a moment ago: connections to it are refused, as to a server that is down.
    const stopped = await startFakeExchange({ exchange: 'binance' });
    await stopped.stop();
    upEnv = { KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: binance.url }) };
    downEnv = { KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: stopped.url }) };
    expect((await run(['init'], upEnv)).code).toBe(0);
    const added = await run(['add', 'binance', '--label', 'Binance main', '--test'], upEnv, JSON.stringify(stored));
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(async () => {
    await binance.stop();
    temp.cleanup();
  });

  it('add --test: Binance could not be reached, the key was not saved, exit code 6', async () => {
    const down = await run(['add', 'binance', '--label', 'Not saved', '--test'], downEnv, JSON.stringify(rejected));
    expect(down.code).toBe(6);
    expect(down.stderr.trim()).toBe('keywarden: Binance could not be reached (connection refused); the key was not saved. [EXCHANGE_UNREACHABLE]');
    expect(down.stderr).not.toMatch(/did not accept|binance could/);
    const json = await run(['--json', 'add', 'binance', '--label', 'Not saved', '--test'], downEnv, JSON.stringify(rejected));
    expect(json.code).toBe(6);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'EXCHANGE_UNREACHABLE', message: 'Binance could not be reached (connection refused); the key was not saved.', details: { exchange: 'Binance', reason: 'connection refused' } } });
    const labels = (JSON.parse((await run(['--json', 'list'], upEnv)).stdout) as { label: string }[]).map((c) => c.label);
    expect(labels).toEqual(['Binance main']);
  });

  it('verify: says so and leaves the key active', async () => {
    const verify = await run(['verify', 'Binance main'], downEnv);
    expect(verify.code).toBe(4);
    expect(verify.stdout).toContain("? Binance main (binance, live): Binance could not be reached (connection refused); the key's status is unchanged.");
    const shown = JSON.parse((await run(['--json', 'show', 'Binance main'], upEnv)).stdout) as { status: string };
    expect(shown.status).toBe('active');
  });

  it('printed no secret and left none on disk', () => {
    const all = printed.join('\n');
    for (const secret of [stored.apiKey, stored.secret, rejected.apiKey, rejected.secret, TEST_PASSPHRASE]) {
      expect(all).not.toContain(secret);
      expect(filesContaining(temp.home, secret)).toEqual([]);
    }
  });
});
