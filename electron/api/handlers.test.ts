import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Core } from '../core/app';
import { makeBinanceHmacKey, makeBybitKey } from '../testing/fake-exchange/keys';
import { slowDisk } from '../testing/slow-disk';
import { FakeSafeStorage, TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../testing/test-core';
import { channelNames, contract, type ContractResult } from './contract';
import { handlers, invokeChannel } from './handlers';

const SECRET_NAMED = /secret|apikey|api_key|password|passphrase|privatekey|private_key|token|mnemonic|seed/i;
/**
 * The only exceptions: a webhook source's token is returned once, by webhook.sources.create and
 * webhook.sources.rotate, because the user must paste it into TradingView (only its hash is kept);
 * and credentials.release hands `keywarden run` the key fields a person allowed for programs, to put
 * in the child's environment. Its spec admits only the CLI (never the window, tray or system).
 * gateway.tokens.create returns a local token of the AI gateway once, for the person to give their
 * program (only its hash is kept). credentials.exportSecret gives a person a wallet's private key
 * or recovery phrase, after the vault passphrase is typed again, to move it to a hardware wallet.
 */
const SHOWN_ONCE_BY_DESIGN: Readonly<Record<string, readonly string[]>> = {
  oneTimeToken: ['webhook.sources.create', 'webhook.sources.rotate'],
  secret: ['credentials.release'],
  localToken: ['gateway.tokens.create'],
  privateKey: ['credentials.exportSecret'],
  mnemonic: ['credentials.exportSecret'],
};
/**
 * Names the pattern catches that are public by what they hold: a wallet's `tokens` and each one's
 * `token` are ERC-20 contract addresses and SPL mints; a Polymarket `tokenId` is an outcome's id,
 * listed on every market page; `typedCredentials` says only whether an account's CLOB credentials
 * were typed in.
 */
const PUBLIC_DESPITE_NAME: Readonly<Record<string, readonly string[]>> = {
  tokens: ['wallets.balances', 'wallets.settings'],
  token: ['wallets.balances'],
  tokenId: ['polymarket.market', 'polymarket.positions'],
  typedCredentials: ['wallets.settings'],
};
const allowed = (field: string, channel: string): boolean =>
  [SHOWN_ONCE_BY_DESIGN, PUBLIC_DESPITE_NAME].some((list) => Object.hasOwn(list, field) && list[field]?.includes(channel));

describe('contract', () => {
  it('has exactly one handler per channel', () => {
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
  });

  it('has no output schema with a field that could hold a secret', () => {
    const seen = new Set<string>();
    for (const name of channelNames) {
      const schema = z.toJSONSchema(contract[name].output, { unrepresentable: 'any' });
      const names: string[] = [];
      const textual: string[] = [];
      const walk = (node: unknown) => {
        if (!node || typeof node !== 'object') return;
        const properties = (node as { properties?: Record<string, { type?: unknown }> }).properties;
        if (properties) names.push(...Object.keys(properties));
        // A number or a yes/no cannot hold a secret (counts of AI tokens are named "tokensIn").
        if (properties) textual.push(...Object.entries(properties).filter(([, field]) => !['integer', 'number', 'boolean'].includes(String(field.type))).map(([field]) => field));
        Object.values(node as Record<string, unknown>).forEach(walk);
      };
      walk(schema);
      names.forEach((field) => seen.add(field));
      expect(textual.filter((field) => SECRET_NAMED.test(field) && !allowed(field, name)), name).toEqual([]);
    }
    // The walk really saw the schemas' fields (a walk that saw nothing would pass vacuously).
    expect([...seen]).toEqual(expect.arrayContaining(['fingerprint', 'preview', 'protectors', 'firstBadSeq']));
  });
});

describe('invokeChannel', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  const responses: unknown[] = [];

  const call = async (name: string, input: unknown): Promise<ContractResult<unknown>> => {
    const result = await invokeChannel(core, name, input, { actor: 'ui' });
    responses.push(result);
    return result;
  };
  const value = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
    const result = await call(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };

  beforeEach(() => {
    temp = makeTempHome();
    core = createTestCore(temp.home, { osKeychain: { safeStorage: new FakeSafeStorage(), platform: 'linux' } });
    responses.length = 0;
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('refuses unknown channels and malformed input with a typed error naming the field, never the value', async () => {
    expect(await call('vault.explode', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'There is no operation called "vault.explode".' } });
    expect(await call('vault.unlock', { method: 'passphrase', passphrase: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'passphrase' } } });
    expect(await call('vault.unlock', { method: 'fingerprint-reader' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('vault.setAutoLock', { minutes: -5 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'minutes must be 0 (never) or more.' } });
    const leaky = await call('credentials.create', { provider: 'binance', label: 'x', fields: {}, apiSecret: 'S3CRET-VALUE-IN-WRONG-PLACE' });
    expect(leaky).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'input has unknown field(s) "apiSecret".' } });
    const typed = await call('vault.init', { passphrase: ['S3CRET-IN-AN-ARRAY'] });
    expect(JSON.stringify(typed)).not.toContain('S3CRET');
    expect(await call('credentials.get', null)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'ref' } } });
  });

  it('answers once what the call wrote is on disk, and a refused call too', async () => {
    await value('vault.init', { passphrase: TEST_PASSPHRASE, useOsKeychain: false });
    await value('vault.lock', {});
    const disk = slowDisk(databaseOf(core));
    try {
      let answered = false;
      // Pausing works while locked (changing the auto-lock time needs the vault unlocked: it is MAC'd).
      const reply = call('trading.pause', { reason: 'disk test' }).then((result) => {
        answered = true;
        return result;
      });
      let refusedAnswered = false;
      const refused = call('vault.unlock', { method: 'passphrase', passphrase: 'not the passphrase' }).then((result) => {
        refusedAnswered = true;
        return result;
      });
      // Committed at once (a crash would keep it), but not reported until it is synced.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(core.trading.isPaused()).toBe(true);
      expect(answered).toBe(false);
      expect(refusedAnswered).toBe(false);
      disk.release();
      expect(await reply).toMatchObject({ ok: true, value: { paused: true } });
      expect(await refused).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    } finally {
      disk.restore();
    }
  });

  it('turns unexpected failures into INTERNAL without a stack or the original text', async () => {
    const original = handlers['vault.status'];
    (handlers as Record<string, unknown>)['vault.status'] = () => {
      throw new Error('boom with apiKey=abcdef in the message');
    };
    try {
      const result = await call('vault.status', {});
      expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('Something went wrong') } });
      expect(JSON.stringify(result)).not.toContain('abcdef');
    } finally {
      (handlers as Record<string, unknown>)['vault.status'] = original;
    }
  });

  it('drops any field an output schema does not name', async () => {
    const original = handlers['trading.status'];
    (handlers as Record<string, unknown>)['trading.status'] = () => ({ paused: false, reason: null, since: null, secret: 'LEAKED' });
    try {
      expect(await call('trading.status', {})).toEqual({ ok: true, value: { paused: false, reason: null, since: null } });
    } finally {
      (handlers as Record<string, unknown>)['trading.status'] = original;
    }
  });

  it('runs a whole session over the contract and no response ever holds a secret', async () => {
    const binance = makeBinanceHmacKey();
    const bybit = makeBybitKey();
    const newPassphrase = 'a different long passphrase';
    expect(await value('vault.status', {})).toMatchObject({ initialized: false });
    expect(await value('vault.init', { passphrase: TEST_PASSPHRASE, useOsKeychain: true })).toMatchObject({ initialized: true, locked: false });
    const created = await value<{ id: string }>('credentials.create', { provider: 'binance', label: 'Binance main', fields: binance });
    await value('credentials.create', { provider: 'bybit', label: 'Bybit', environment: 'testnet', fields: bybit });
    expect(await value<unknown[]>('credentials.list', {})).toHaveLength(2);
    await value('credentials.get', { ref: 'binance MAIN' });
    await value('credentials.update', { ref: created.id, label: 'Binance spot' });
    expect(await value('exchanges.get', { id: 'Binance' })).toMatchObject({ id: 'binance', fields: ['apiKey', 'secret'] });
    expect(await value('vault.rotateKey', { passphrase: TEST_PASSPHRASE })).toEqual({ keyVersion: 2, reencrypted: 4 });
    await value('vault.changePassphrase', { current: TEST_PASSPHRASE, next: newPassphrase });
    await value('vault.removeProtector', { kind: 'os-keychain' });
    await value('vault.setAutoLock', { minutes: 30 });
    await value('audit.list', { limit: 100 });
    expect(await value('audit.verify', {})).toMatchObject({ ok: true });
    expect(await value('vault.lock', {})).toMatchObject({ locked: true });
    expect(await call('credentials.list', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    expect(await call('vault.unlock', { method: 'passphrase', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    await value('vault.unlock', { method: 'passphrase', passphrase: newPassphrase });
    await value('credentials.delete', { ref: 'Bybit' });
    expect(await call('credentials.create', { provider: 'binance', label: 'dup', fields: binance })).toMatchObject({ ok: false, error: { code: 'DUPLICATE_KEY' } });

    const everything = JSON.stringify(responses);
    for (const secret of [binance.apiKey, binance.secret, bybit.apiKey, bybit.secret, TEST_PASSPHRASE, newPassphrase]) {
      expect(everything).not.toContain(secret);
    }
    const audit = JSON.stringify(databaseOf(core).sqlite.prepare('SELECT * FROM audit_log').all());
    for (const secret of [binance.apiKey, binance.secret, bybit.apiKey, bybit.secret, TEST_PASSPHRASE, newPassphrase]) {
      expect(audit).not.toContain(secret);
    }
  });
});

describe('activity and auto-lock', () => {
  it('a person\'s action pushes the idle lock back; a status read, a webhook and a system call do not', async () => {
    const { ManualClock } = await import('../testing/test-core');
    const temp = makeTempHome();
    const clock = new ManualClock();
    const core = createTestCore(temp.home, { clock });
    try {
      await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
      core.vault.setAutoLockMinutes(5, 'ui');
      clock.advance(4 * 60_000);
      expect(await invokeChannel(core, 'trading.pause', {}, { actor: 'cli' })).toMatchObject({ ok: true });
      clock.advance(4 * 60_000);
      expect(core.vault.isUnlocked()).toBe(true);
      await invokeChannel(core, 'vault.status', {}, { actor: 'ui' });
      await invokeChannel(core, 'credentials.list', {}, { actor: 'tray' });
      await invokeChannel(core, 'trading.resume', {}, { actor: 'system' });
      expect(await invokeChannel(core, 'trading.pause', {}, { actor: 'webhook' })).toMatchObject({ ok: false, error: { code: 'CALLER_REFUSED' } });
      clock.advance(60_000 + 1);
      expect(core.vault.isUnlocked()).toBe(false);
    } finally {
      core.close();
      temp.cleanup();
    }
  });
});
