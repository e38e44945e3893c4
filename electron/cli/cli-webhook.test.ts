/**
 * The webhook commands of the CLI as a user runs them (the bundled CLI in a child process), against
 * the offline fake Binance: a token printed exactly once, messages, simulations, and `serve`
 * receiving a real alert until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../testing/fake-exchange';
import { keywardenCli } from '../testing/cli-runner';
import { TEST_PASSPHRASE, cliBundle, filesContaining, makeTempHome } from '../testing/test-core';
import { tradingViewTime } from '../core/webhook/tradingview';
import { sendRaw } from '../testing/webhook-test-kit';
import { asBeforeRowMacs } from '../testing/older-integrity';

describe('keywarden webhook / serve', () => {
  const temp = makeTempHome('keywarden-cli-webhook-');
  const printed: string[] = [];
  const key = makeBinanceHmacKey();
  let binance: FakeExchange;
  let env: Record<string, string>;
  let token = '';
  const run = (args: string[], stdin?: string) => keywardenCli(temp.home, args, { env, ...(stdin === undefined ? {} : { stdin }) }, printed);
  const tokenIn = (text: string) => /\/webhook\/([A-Za-z0-9_-]{22})\b/.exec(text)?.[1] ?? '';
  const occurrences = (needle: string) => printed.join('\n').split(needle).length - 1;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    env = { KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: binance.url }) };
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    expect((await run(['init'])).code).toBe(0);
    expect((await run(['add', 'binance', '--label', 'Binance main'], JSON.stringify(key))).code).toBe(0);
    expect((await run(['verify', 'Binance main'])).code).toBe(0);
    expect((await run(['vault', 'auto-lock', '0'])).code).toBe(0);
  });
  afterAll(async () => {
    await binance.stop();
    temp.cleanup();
  });

  it('prints a new source\'s token once, in the URL to paste, and never again', async () => {
    const created = await run(['webhook', 'create-source', 'TradingView', '--account', 'Binance main', '--symbol', 'btc/usdt', '--max-notional', '500']);
    expect(created.code, created.stderr).toBe(0);
    token = tokenIn(created.stdout);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created.stdout).toContain(`http://127.0.0.1:8787/webhook/${token}`);
    expect(created.stdout).toContain('shown ONCE');
    expect(created.stdout).toContain('accounts Binance main · symbols BTC/USDT · buy and sell · at most $500 per order');

    for (const args of [['webhook', 'sources'], ['--json', 'webhook', 'sources'], ['webhook', 'url'], ['webhook', 'events'], ['audit'], ['webhook', 'settings']]) {
      const shown = await run(args);
      expect(shown.code, `${args.join(' ')}: ${shown.stderr}`).toBe(0);
    }
    expect((await run(['webhook', 'sources'])).stdout).toMatch(/TradingView\s+enabled\s+accounts Binance main · symbols BTC\/USDT/);
    expect(occurrences(token)).toBe(1);
    expect(filesContaining(temp.home, token)).toEqual([]);

    const rotated = await run(['webhook', 'rotate-token', 'tradingview', '--grace-minutes', '0']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const next = tokenIn(rotated.stdout);
    expect(next).not.toBe(token);
    expect(rotated.stdout).toContain('New token for "TradingView"');
    expect((await run(['--json', 'webhook', 'sources'])).stdout).not.toContain(next);
    expect(occurrences(next)).toBe(1);
    token = next;

    const refused = await run(['webhook', 'rotate-token', 'nobody']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[WEBHOOK_SOURCE_NOT_FOUND]');
  });

  it('creates or enables a source only with --account and --max-notional, and says which is missing', async () => {
    const sourcesBefore = (await run(['--json', 'webhook', 'sources'])).stdout;
    const bare = await run(['webhook', 'create-source', 'Anything goes']);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('[WEBHOOK_SOURCE_INCOMPLETE]');
    expect(bare.stderr).toContain('missing: an account and a per-order cap');
    expect(bare.stderr).toContain('add --account <id or label> --max-notional <usd>');
    const uncapped = await run(['webhook', 'create-source', 'Uncapped', '--account', 'Binance main']);
    expect(uncapped.code).toBe(1);
    expect(uncapped.stderr).toContain('missing: a per-order cap');
    expect(uncapped.stdout).not.toMatch(/\/webhook\/[A-Za-z0-9_-]{22}/);
    expect((await run(['--json', 'webhook', 'sources'])).stdout).toBe(sourcesBefore);

    // An enabled source keeps both; a disabled one may lose them, and is not enabled again without them.
    const anyAccount = await run(['webhook', 'update-source', 'TradingView', '--any-account']);
    expect(anyAccount.code).toBe(1);
    expect(anyAccount.stderr).toContain('The alert source "TradingView" can be enabled only with at least one account and a per-order cap in USD; missing: an account.');
    const off = await run(['webhook', 'update-source', 'TradingView', '--disable', '--no-max-notional']);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toContain('"TradingView" needs a per-order cap before it can be enabled: keywarden webhook update-source "TradingView" --account <id or label> --max-notional <usd>');
    const on = await run(['webhook', 'update-source', 'TradingView', '--enable']);
    expect(on.code).toBe(1);
    expect(on.stderr).toContain('missing: a per-order cap');
    const fixed = await run(['webhook', 'update-source', 'TradingView', '--enable', '--max-notional', '500']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toContain('"TradingView" (');
    expect(fixed.stdout).toContain(') enabled: accounts Binance main · symbols BTC/USDT · buy and sell · at most $500 per order.');
  });

  it('lists a source an earlier version saved without an account or a cap as needing attention, and simulates its refusal', async () => {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(temp.home, 'keywarden.db'));
    db.prepare("INSERT INTO webhook_sources (id, label, token_hash, scope, enabled, created_at) VALUES ('oldsource1', 'Old strategy', ?, ?, 1, ?)")
      .run('0'.repeat(64), JSON.stringify({ accounts: null, symbols: null, sides: null, maxNotionalUsd: null }), Date.now());
    // As that version left the file: no row MACs yet, adopted at the next unlock (not an integrity alarm).
    asBeforeRowMacs(db);
    db.close();
    try {
      const listed = await run(['webhook', 'sources']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toMatch(/Old strategy\s+NEEDS ATTENTION\s+no account named · any symbol · buy and sell · no per-order cap/);
      expect(listed.stdout).toContain('"Old strategy" needs an account and a per-order cap before its alerts are accepted again: keywarden webhook update-source "Old strategy" --account <id or label> --max-notional <usd>');
      const simulated = await run(['webhook', 'simulate', 'Binance main', 'BTCUSDT', '--side', 'buy', '--amount', '0.001', '--source', 'Old strategy']);
      expect(simulated.code).toBe(5);
      expect(simulated.stdout).toContain('Keywarden would answer 403 (source-incomplete): The alert source "Old strategy" needs at least one account and a per-order cap before it can trade: nothing was placed.');
    } finally {
      expect((await run(['webhook', 'delete-source', 'Old strategy', '--yes'])).code).toBe(0);
    }
  });

  it('writes the alert message as JSON, with the URL and what to do', async () => {
    const strategy = await run(['webhook', 'message', 'Binance main', '{{ticker}}', '--strategy']);
    expect(strategy.code, strategy.stderr).toBe(0);
    const [message = ''] = strategy.stdout.split('\n\nWebhook URL: ');
    expect(JSON.parse(message)).toMatchObject({ account: 'Binance main', symbol: '{{ticker}}', side: '{{strategy.order.action}}', amount: '{{strategy.order.contracts}}', time: '{{timenow}}' });
    expect(strategy.stdout).toContain('Webhook URL: http://127.0.0.1:8787/webhook/<token>');
    const fixed = await run(['--json', 'webhook', 'message', 'Binance main', 'BTCUSDT', '--side', 'sell', '--amount', '25', '--unit', 'quote', '--type', 'limit', '--price', '70000']);
    expect(JSON.parse((JSON.parse(fixed.stdout) as { message: string }).message)).toMatchObject({ side: 'sell', amount: '25', unit: 'quote', type: 'limit', price: '70000' });
    const incomplete = await run(['webhook', 'message', 'Binance main', 'BTCUSDT', '--side', 'buy']);
    expect(incomplete.code).toBe(1);
    expect(incomplete.stderr.trim().split('\n')).toHaveLength(1);
    expect(incomplete.stderr).toContain('--strategy, or a fixed --side buy|sell and --amount N');
  });

  it('writes market_position for a perpetual chart (--perpetual) or a fixed BTCUSDT.P, and refuses a spot symbol with --perpetual', async () => {
    for (const args of [['{{ticker}}', '--strategy', '--perpetual'], ['BTCUSDT.P', '--strategy']]) {
      const written = await run(['webhook', 'message', 'Binance main', ...args]);
      expect(written.code, written.stderr).toBe(0);
      const [message = ''] = written.stdout.split('\n\nWebhook URL: ');
      expect(JSON.parse(message)).toMatchObject({ market_position: '{{strategy.market_position}}' });
      expect(written.stdout).toContain('Leverage and margin mode are never set by an alert');
    }
    const spot = await run(['webhook', 'message', 'Binance main', 'BTCUSDT', '--strategy', '--perpetual']);
    expect(spot.code).toBe(1);
    expect(spot.stderr).toContain('write BTCUSDT.P');
  });

  it('warns when renaming an account an alert source trades, since messages name it by label', async () => {
    const renamed = await run(['update', 'Binance main', '--label', 'Binance spot']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toContain('! Alerts that name this account "Binance main" will be refused after the rename (alert source "TradingView")');
    const back = await run(['--json', 'update', 'binance spot', '--label', 'Binance main']);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ label: 'Binance main', warnings: [expect.stringContaining('Alerts that name this account "Binance spot" will be refused')] });
    const unchanged = await run(['--json', 'update', 'Binance main', '--label', 'Binance main']);
    expect(JSON.parse(unchanged.stdout)).not.toHaveProperty('warnings');
  });

  it('sets how long the alert log keeps accepted alerts and refused requests, and refuses a bad number of days', async () => {
    const before = await run(['webhook', 'settings']);
    expect(before.stdout).toContain('accepted alerts 90 days, refused requests 7 days');
    const set = await run(['webhook', 'settings', '--keep-accepted-days', '30', '--keep-refused-days', '3']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('accepted alerts 30 days, refused requests 3 days (orders stay)');
    for (const [flag, value] of [['--keep-refused-days', '0'], ['--keep-accepted-days', '1,5'], ['--keep-accepted-days', '-2'], ['--keep-accepted-days', '99999'], ['--keep-refused-days', 'week']]) {
      const refused = await run(['webhook', 'settings', flag as string, value as string]);
      expect(refused.code, `${flag} ${value}`).not.toBe(0);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((JSON.parse((await run(['--json', 'webhook', 'settings'])).stdout) as { keepAcceptedDays: number; keepRefusedDays: number })).toMatchObject({ keepAcceptedDays: 30, keepRefusedDays: 3 });
  });

  it('simulates a generated or pasted message without placing anything', async () => {
    const simulated = await run(['webhook', 'simulate', 'Binance main', 'BTCUSDT', '--side', 'buy', '--amount', '0.001', '--source', 'TradingView']);
    expect(simulated.code, simulated.stderr).toBe(0);
    expect(simulated.stdout).toContain('TradingView would send (Content-Type: application/json)');
    expect(simulated.stdout).toContain('Keywarden would answer 200 (placed)');
    expect(simulated.stdout).toContain('Risk gate: allowed');
    expect(simulated.stdout).toContain('Nothing was placed.');

    const file = path.join(temp.home, 'alert.txt');
    writeFileSync(file, '{"account":"Binance main","symbol":"{{ticker}}","side":{{strategy.order.action}},"amount":"{{strategy.order.contracts}}"}');
    const broken = await run(['webhook', 'simulate', '--message-file', file]);
    expect(broken.code).toBe(5);
    expect(broken.stdout).toContain('Content-Type: text/plain');
    expect(broken.stdout).toContain('would answer 400 (malformed)');
    expect(broken.stdout).toContain('write "{{strategy.order.action}}"');

    writeFileSync(file, '{"account":"Binance main","symbol":"{{ticker}}","side":"{{strategy.order.action}}","amount":"{{strategy.order.contracts}}"}');
    const sell = await run(['--json', 'webhook', 'simulate', '--message-file', file, '--set', 'strategy.order.action=sell', '--set', '{{ticker}}=ETHUSDT', '--set', 'strategy.order.contracts=0.01']);
    expect(sell.code, sell.stdout).toBe(0);
    expect(JSON.parse(sell.stdout)).toMatchObject({ contentType: 'application/json', outcome: 'placed', intent: { side: 'sell', symbol: 'ETHUSDT', amount: 0.01 }, order: { symbol: 'ETH/USDT' } });
    expect(binance.orders).toEqual([]);
  });

  it('serves: prints the URL, places a real alert, reports it, and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, [cliBundle, 'serve', '--port', '0'], { env: { ...process.env, ...env, KEYWARDEN_HOME: temp.home, KEYWARDEN_PASSPHRASE: TEST_PASSPHRASE }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const waiters: { pattern: RegExp; resolve: (match: RegExpExecArray) => void }[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const waiter of [...waiters]) {
        const match = waiter.pattern.exec(stdout);
        if (match) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(match);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const waitFor = (pattern: RegExp) => new Promise<RegExpExecArray>((resolve, reject) => {
      const found = pattern.exec(stdout);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} in: ${stdout} ${stderr}`)), 20_000);
      waiters.push({ pattern, resolve: (match) => (clearTimeout(timer), resolve(match)) });
    });
    try {
      const [, url = ''] = await waitFor(/Listening on (http:\/\/127\.0\.0\.1:\d+)/);
      expect(stdout).toContain('No public URL set');
      expect(stdout).toContain('source "TradingView"');
      const body = JSON.stringify({ account: 'Binance main', symbol: 'BTCUSDT', side: 'buy', amount: '0.001', id: 'serve-1', time: tradingViewTime(Date.now()) });
      const answer = await sendRaw(url, `/webhook/${token}`, { body });
      expect(answer.json).toMatchObject({ ok: true, status: 'accepted' });
      await waitFor(/alert \d+: placed \(order o[a-z0-9]+\)/);
      expect(binance.orders.filter((o) => o.apiKey === key.apiKey)).toHaveLength(1);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('Stopped (SIGINT).');
    expect(stdout + stderr).not.toContain(token);
    const events = await run(['--json', 'webhook', 'events']);
    expect(JSON.parse(events.stdout)).toEqual([expect.objectContaining({ outcome: 'placed', sourceLabel: 'TradingView', alertId: 'serve-1' })]);
  });
});
