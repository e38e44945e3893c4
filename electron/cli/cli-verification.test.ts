/** The key-verification commands of the CLI, end to end against the offline fake exchanges. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, makeBybitKey, type FakeExchange } from '../testing/fake-exchange';
import { keywardenCli } from '../testing/cli-runner';
import { TEST_PASSPHRASE, filesContaining, makeTempHome } from '../testing/test-core';

describe('keywarden verify / rotate / revoke', () => {
  const temp = makeTempHome('keywarden-cli-verify-');
  const printed: string[] = [];
  let binance: FakeExchange;
  let bybit: FakeExchange;
  let env: Record<string, string>;
  const run = (args: string[], stdin?: string) => keywardenCli(temp.home, args, { env, ...(stdin === undefined ? {} : { stdin }) }, printed);
  const main = makeBinanceHmacKey();
  const next = makeBinanceHmacKey();
  const wrongSecret = makeBybitKey();

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    bybit = await startFakeExchange({ exchange: 'bybit' });
    env = { KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: binance.url, bybit: bybit.url }) };
    binance.addKey({ ...main, permissions: { withdraw: true }, allowedIps: ['127.0.0.1'] });
    binance.addKey({ ...next, allowedIps: ['127.0.0.1'] });
    bybit.addKey({ apiKey: wrongSecret.apiKey, secret: makeBybitKey().secret });
    expect((await run(['init'])).code).toBe(0);
    expect((await run(['add', 'binance', '--label', 'Binance main'], JSON.stringify(main))).code).toBe(0);
    expect((await run(['add', 'bybit', '--label', 'Bybit'], JSON.stringify(wrongSecret))).code).toBe(0);
  });
  afterAll(async () => {
    await binance.stop();
    await bybit.stop();
    temp.cleanup();
  });

  it('verifies one key: a withdraw-enabled key is flagged and blocked until the risk is accepted', async () => {
    const verify = await run(['verify', 'Binance main']);
    expect(verify.code, verify.stderr).toBe(0);
    // The check passed, but a blocked key never gets the "works" mark (docs/glossary.md).
    expect(verify.stdout).toContain('! Binance main (binance, live): The key works.');
    expect(verify.stdout).not.toContain('✓');
    expect(verify.stdout).toContain('Can withdraw');
    expect(verify.stdout).toContain('Trading blocked: it can withdraw.');
    const accepted = await run(['accept-withdraw-risk', 'Binance main']);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('Trading with it is allowed');
    expect((await run(['show', 'Binance main'])).stdout).toMatch(/Trading\s+allowed/);
  });

  it('reports a bad secret with exit code 4 and never prints the key', async () => {
    const verify = await run(['--json', 'verify', 'Bybit']);
    expect(verify.code).toBe(4);
    expect(JSON.parse(verify.stdout)).toMatchObject({ outcome: 'bad-secret', status: 'invalid' });
  });

  it('verifies all keys, with JSON that carries status, permissions and the error code', async () => {
    const all = await run(['--json', 'verify', '--all']);
    expect(all.code).toBe(4);
    const results = JSON.parse(all.stdout) as { label: string; outcome: string; permissions: unknown }[];
    expect(results.map((r) => [r.label, r.outcome])).toEqual([['Binance main', 'ok'], ['Bybit', 'bad-secret']]);
    expect(results[0]?.permissions).toMatchObject({ withdraw: true, ipRestricted: true });
  });

  it('rotates to a new key from stdin, then confirms the old key was deleted on the exchange', async () => {
    const rotate = await run(['rotate', 'Binance main'], JSON.stringify(next));
    expect(rotate.code, rotate.stderr).toBe(0);
    expect(rotate.stdout).toContain('New key verified: The key works.');
    expect(rotate.stdout).toContain('check-old-key');
    const stillThere = await run(['check-old-key', 'Binance main']);
    expect(stillThere.code).toBe(4);
    expect(stillThere.stdout).toContain('STILL WORKS');
    binance.removeKey(main.apiKey);
    const gone = await run(['check-old-key', 'Binance main']);
    expect(gone.code).toBe(0);
    expect(gone.stdout).toContain('no longer works');
    const history = await run(['history', 'Binance main']);
    expect(history.stdout).toContain('Earlier keys:');
  });

  it('refuses a rotation to a key the exchange does not know, keeping the old one', async () => {
    const rotate = await run(['rotate', 'Binance main'], JSON.stringify(makeBinanceHmacKey()));
    expect(rotate.code).toBe(1);
    expect(rotate.stderr).toContain('[ROTATION_VERIFY_FAILED]');
    expect((await run(['verify', 'Binance main'])).code).toBe(0);
  });

  it('revokes a key: nothing can use it afterwards', async () => {
    expect((await run(['revoke', 'Bybit'])).stderr).toContain('--yes');
    const revoke = await run(['revoke', 'Bybit', '--yes']);
    expect(revoke.code).toBe(0);
    const verify = await run(['verify', 'Bybit']);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain('[CREDENTIAL_REVOKED]');
  });

  it('add --test saves a key only when the exchange accepts it', async () => {
    const tested = makeBinanceHmacKey();
    binance.addKey({ ...tested, allowedIps: ['127.0.0.1'] });
    const saved = await run(['add', 'binance', '--label', 'Tested', '--test'], JSON.stringify(tested));
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('Stored "Tested"');
    expect(saved.stdout).toContain('✓ Tested (binance, live): The key works.');
    const refused = await run(['add', 'binance', '--label', 'Refused', '--test'], JSON.stringify(makeBinanceHmacKey()));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Binance did not accept this key, so it was not saved.');
    expect(refused.stderr).toContain('[KEY_REFUSED]');
    const labels = JSON.parse((await run(['--json', 'list'])).stdout).map((c: { label: string }) => c.label);
    expect(labels).toContain('Tested');
    expect(labels).not.toContain('Refused');
  });

  it('changes the re-verification schedule', async () => {
    const set = await run(['--json', 'settings', '--verify-interval-hours', '6']);
    expect(JSON.parse(set.stdout)).toEqual({ verifyIntervalHours: 6, rotationReminderDays: 90 });
    const bad = await run(['settings', '--rotation-reminder-days', '-1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('rotationReminderDays must be 0 (off) or more');
  });

  it('printed no secret and left none on disk', () => {
    const all = printed.join('\n');
    for (const secret of [main.apiKey, main.secret, next.apiKey, next.secret, wrongSecret.apiKey, wrongSecret.secret, TEST_PASSPHRASE]) {
      expect(all).not.toContain(secret);
      expect(filesContaining(temp.home, secret)).toEqual([]);
    }
  });
});
