/** .env import on the real core: the naming conventions, all-or-nothing, duplicates, no value ever shown. */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { isKeywardenError, type ErrorCode } from '../errors';
import { makeBinanceEd25519Key, makeBinanceHmacKey, makeBybitKey } from '../../testing/fake-exchange/keys';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';

const alnum = (length: number) => Array.from(randomBytes(length), (byte) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[byte % 62]).join('');

async function failure(action: () => Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  try {
    await action();
  } catch (error) {
    if (isKeywardenError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('.env import', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  const envFile = () => path.join(temp.home, 'bot.env');
  const write = (text: string) => writeFileSync(envFile(), text);

  beforeEach(async () => {
    temp = makeTempHome('keywarden-env-');
    core = createTestCore(path.join(temp.home, 'vault'));
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('imports exchange and AI provider keys written every common way, leaves other variables alone, and never shows a value', async () => {
    const binance = makeBinanceHmacKey();
    const binanceUs = makeBinanceEd25519Key();
    const bybit = makeBybitKey();
    const kucoin = { apiKey: alnum(24), secret: alnum(36), password: 'my api passphrase!' };
    const hyperliquid = { privateKey: `0x${randomBytes(32).toString('hex')}`, walletAddress: `0x${randomBytes(20).toString('hex')}` };
    const ai = { openai: `sk-proj-${alnum(60)}`, organization: `org-${alnum(24)}`, gemini: `AIza${alnum(35)}` };
    const unrelated = { database: `postgres://bot:${alnum(12)}@localhost/db` };
    write([
      '# trading bot settings',
      `export BINANCE_API_KEY="${binance.apiKey}"`,
      `BINANCE_SECRET_KEY='${binance.secret}'`,
      '',
      `BYBIT_API_KEY=${bybit.apiKey} # testnet key`,
      `BYBIT_API_SECRET = ${bybit.secret}`,
      'BYBIT_TESTNET=true',
      `KUCOIN_API_KEY=${kucoin.apiKey}`,
      `KUCOIN_API_SECRET=${kucoin.secret}`,
      `KUCOIN_API_PASSPHRASE="${kucoin.password}"`,
      // A PEM key over several lines, inside double quotes.
      `BINANCEUS_API_KEY=${binanceUs.apiKey}`,
      `BINANCEUS_SECRET="${binanceUs.secret.trim()}"`,
      `HYPERLIQUID_PRIVATE_KEY=${hyperliquid.privateKey}`,
      `HYPERLIQUID_WALLET_ADDRESS=${hyperliquid.walletAddress}`,
      `OPENAI_API_KEY=${ai.openai}`,
      `OPENAI_ORG_ID=${ai.organization}`,
      `GEMINI_API_KEY=${ai.gemini}`,
      `DATABASE_URL=${unrelated.database}`,
    ].join('\n'));

    const dry = await core.envImporter.import({ file: envFile(), dryRun: true }, 'cli');
    expect(dry).toMatchObject({ dryRun: true, imported: 7 });
    expect(core.credentials.list()).toEqual([]);

    const report = await core.envImporter.import({ file: envFile(), dryRun: false }, 'cli');
    expect(report).toMatchObject({ source: 'env', file: envFile(), imported: 7, skipped: 0, renamed: 0, settings: [] });
    expect(report.credentials.map((c) => [c.label, c.provider, c.environment, c.result])).toEqual([
      ['OpenAI', 'openai', 'live', 'imported'],
      // GEMINI_API_KEY holding a Google key (AIza…) is Google's, not the Gemini exchange's.
      ['Google Gemini', 'google', 'live', 'imported'],
      ['Binance', 'binance', 'live', 'imported'],
      ['Bybit testnet', 'bybit', 'testnet', 'imported'],
      ['KuCoin', 'kucoin', 'live', 'imported'],
      ['Binance US', 'binanceus', 'live', 'imported'],
      ['Hyperliquid', 'hyperliquid', 'live', 'imported'],
    ]);
    expect(report.ignored).toEqual(['DATABASE_URL']);
    expect(report.nextSteps).toEqual([expect.stringContaining('keywarden verify --all'), expect.stringContaining(`Delete ${envFile()} now`)]);

    const secretsOf = (label: string) => core.credentials.getDecrypted(core.credentials.get(label).id).secrets;
    expect(secretsOf('Binance')).toEqual(binance);
    expect(secretsOf('Bybit testnet')).toEqual(bybit);
    expect(secretsOf('KuCoin')).toEqual(kucoin);
    expect(secretsOf('Binance US')).toEqual({ apiKey: binanceUs.apiKey, secret: binanceUs.secret.trim() });
    expect(secretsOf('Hyperliquid')).toEqual(hyperliquid);
    expect(secretsOf('OpenAI')).toEqual({ apiKey: ai.openai, organization: ai.organization });
    expect(secretsOf('Google Gemini')).toEqual({ apiKey: ai.gemini });
    expect(core.credentials.get('OpenAI').kind).toBe('ai');
    expect(core.credentials.list().every((c) => c.status === 'unverified')).toBe(true);

    const shown = JSON.stringify([dry, report, core.audit.list({ limit: 100 })]);
    for (const value of [...Object.values(binance), ...Object.values(bybit), ...Object.values(kucoin), binanceUs.apiKey, ...Object.values(hyperliquid), ...Object.values(ai), ...Object.values(unrelated)]) {
      expect(shown).not.toContain(value);
    }
    expect(core.audit.list({ actionPrefix: 'env.import', limit: 5 })).toEqual([expect.objectContaining({ outcome: 'ok', details: { file: 'bot.env', imported: 7, renamed: 0, skipped: 0 } })]);

    // Again: every key is already stored, so each is skipped and named.
    const again = await core.envImporter.import({ file: envFile(), dryRun: false }, 'cli');
    expect(again).toMatchObject({ imported: 0, skipped: 7 });
    expect(again.credentials.map((c) => c.duplicateOf)).toEqual(['OpenAI', 'Google Gemini', 'Binance', 'Bybit testnet', 'KuCoin', 'Binance US', 'Hyperliquid']);
  });

  it('reads OPENAI_API_KEY next to an OPENAI_BASE_URL of another server as a key for that OpenAI-compatible server', async () => {
    const local = `sk-local-${alnum(20)}`;
    write([`OPENAI_API_KEY=${local}`, 'OPENAI_BASE_URL=http://127.0.0.1:11434/v1', `ANTHROPIC_API_KEY=sk-ant-api03-${alnum(93)}AA`, 'GEMINI_API_KEY=not-a-google-key'].join('\n'));
    const report = await core.envImporter.import({ file: envFile(), dryRun: false }, 'cli');
    expect(report.credentials.map((c) => [c.label, c.provider])).toEqual([['Anthropic', 'anthropic'], ['OpenAI-compatible server', 'openai-compatible']]);
    expect(core.credentials.getDecrypted(core.credentials.get('OpenAI-compatible server').id).secrets).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', apiKey: local });
    expect(report.ignored).toEqual(['GEMINI_API_KEY (not imported: Gemini also needs API secret)']);
  });

  it('imports a Polymarket account, an EVM wallet and a Solana wallet by the names bots use', async () => {
    const polymarketKey = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
    const walletKey = '59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
    const solanaSeed = JSON.stringify(Array.from({ length: 32 }, () => 8));
    write([
      `PK=${polymarketKey}`,
      'CLOB_API_KEY=0f8f5b4c-1d2e-4a3b-8c7d-6e5f4a3b2c1d',
      `CLOB_SECRET=${Buffer.from(randomBytes(32)).toString('base64url')}=`,
      `CLOB_PASS_PHRASE=${randomBytes(32).toString('hex')}`,
      `WALLET_PRIVATE_KEY=${walletKey}`,
      'CHAIN_ID=137',
      `SOLANA_PRIVATE_KEY=${solanaSeed}`,
      'SOLANA_CLUSTER=devnet',
      'LOG_LEVEL=debug',
    ].join('\n'));
    const report = await core.envImporter.import({ file: envFile(), dryRun: false }, 'cli');
    expect(report.credentials.map((c) => [c.label, c.provider]).sort()).toEqual([['EVM wallet', 'evm-wallet'], ['Polymarket', 'polymarket'], ['Solana wallet', 'solana-wallet']]);
    expect(core.credentials.getDecrypted(core.credentials.get('Polymarket').id).secrets).toMatchObject({ privateKey: polymarketKey, walletAddress: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', apiKey: '0f8f5b4c-1d2e-4a3b-8c7d-6e5f4a3b2c1d', signatureType: '0' });
    expect(core.credentials.get('EVM wallet')).toMatchObject({ kind: 'wallet', preview: '0x70…79C8' });
    expect(core.credentials.getDecrypted(core.credentials.get('EVM wallet').id).secrets).toMatchObject({ chainId: '137' });
    expect(core.credentials.get('Solana wallet')).toMatchObject({ kind: 'wallet', preview: '2KW2…1BE1' });
    expect(report.ignored).toContain('LOG_LEVEL');
    expect(JSON.stringify(report)).not.toContain(walletKey);
  });

  it('gives a taken label a new one, and skips a key stored under any label', async () => {
    await core.credentials.create({ provider: 'binance', label: 'binance', fields: makeBinanceHmacKey() }, 'ui');
    await core.credentials.create({ provider: 'bybit', label: 'my bybit', fields: makeBybitKey() }, 'ui');
    const bybit = makeBybitKey();
    await core.credentials.create({ provider: 'bybit', label: 'bybit already', fields: bybit }, 'ui');
    const fresh = makeBinanceHmacKey();
    write(`BINANCE_API_KEY=${fresh.apiKey}\nBINANCE_API_SECRET=${fresh.secret}\nBYBIT_API_KEY=${bybit.apiKey}\nBYBIT_SECRET=${bybit.secret}\n`);
    const report = await core.envImporter.import({ file: envFile(), dryRun: false }, 'cli');
    expect(report.credentials).toEqual([
      expect.objectContaining({ label: 'Binance', result: 'renamed', storedAs: 'Binance (imported)', primary: false }),
      expect.objectContaining({ label: 'Bybit', result: 'skipped-duplicate', duplicateOf: 'bybit already' }),
    ]);
  });

  it('is all-or-nothing, and refuses contradictions and files without keys, never quoting a value', async () => {
    const good = makeBybitKey();
    const binance = makeBinanceHmacKey();
    const cases: { text: string; code: ErrorCode; says: string }[] = [
      { text: `BYBIT_API_KEY=${good.apiKey}\nBYBIT_API_SECRET=${good.secret}\nBINANCE_API_KEY=${binance.apiKey}\nBINANCE_API_SECRET=${binance.secret.slice(1)}\n`, code: 'MALFORMED_FIELD', says: 'BINANCE_… in bot.env: A Binance HMAC secret is 64 letters and digits' },
      { text: `BINANCE_API_KEY=${binance.apiKey}\nBINANCE_API_SECRET=${binance.secret}\nBINANCE_SECRET_KEY=${binance.secret}\n`, code: 'ENV_FILE_INVALID', says: 'BINANCE_API_SECRET and BINANCE_SECRET_KEY both give the API secret' },
      { text: `BINANCE_API_SECRET=${binance.secret}\n`, code: 'MISSING_FIELD', says: 'The API key is missing' },
      { text: `BYBIT_API_KEY=${good.apiKey}\nBYBIT_API_SECRET=${good.secret}\nBYBIT_TESTNET=maybe\n`, code: 'ENV_FILE_INVALID', says: 'BYBIT_TESTNET (line 3) must be true or false' },
      { text: `BINANCE_API_KEY=${binance.apiKey}\nBINANCE_API_SECRET=${binance.secret}\nBINANCE_API_PASSWORD=${good.secret}\n`, code: 'UNEXPECTED_FIELD', says: 'Binance keys do not use "password"' },
      { text: `DATABASE_URL=postgres://x:${good.secret}@db\nSLACK_TOKEN=${good.apiKey}\n`, code: 'ENV_FILE_INVALID', says: 'No keys found' },
      { text: `OPENAI_API_KEY=${good.apiKey}\n`, code: 'MALFORMED_FIELD', says: 'OPENAI_… in bot.env: This is too short to be an API key for OpenAI' },
      { text: `${binance.secret}\n`, code: 'ENV_FILE_INVALID', says: 'Line 1 is not a NAME=value line' },
    ];
    for (const c of cases) {
      write(c.text);
      const refused = await failure(() => core.envImporter.import({ file: envFile(), dryRun: false }, 'cli'));
      expect(refused.code, c.says).toBe(c.code);
      expect(refused.message).toContain(c.says);
      for (const value of [...Object.values(good), ...Object.values(binance), binance.secret.slice(1)]) expect(refused.message).not.toContain(value);
      expect(core.credentials.list()).toEqual([]);
    }
    writeFileSync(envFile(), Buffer.from([0x00, 0x01, 0x02]));
    expect(await failure(() => core.envImporter.import({ file: envFile(), dryRun: false }, 'cli'))).toMatchObject({ code: 'ENV_FILE_INVALID', message: expect.stringContaining('not a text file') });
    expect(await failure(() => core.envImporter.import({ file: temp.home, dryRun: false }, 'cli'))).toMatchObject({ code: 'FILE_UNREADABLE' });
  });
});
