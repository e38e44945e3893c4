/** Alert sources: a token shown once and stored only as a hash, rotation with a grace window, scopes, audit. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { makeBinanceHmacKey } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, filesContaining, makeTempHome, databaseOf } from '../../testing/test-core';
import { hashToken, matchToken } from './webhook-token';

describe('webhook sources', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;
  let accountId: string;

  beforeEach(async () => {
    temp = makeTempHome();
    clock = new ManualClock();
    core = createTestCore(temp.home, { clock });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    accountId = (await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: makeBinanceHmacKey() }, 'ui')).id;
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const auth = (token: string | undefined) => core.webhook.sources.authenticate(token).source?.label;
  /** What every source must name: an account and a per-order cap. */
  const allowed = { accounts: ['Binance main'], maxNotionalUsd: 100 };

  it('returns a 128-bit token once and keeps only its SHA-256', () => {
    const issued = core.webhook.createSource({ label: ' My  strategy ', scope: allowed }, 'ui');
    expect(issued.oneTimeToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(issued.oneTimeToken, 'base64url')).toHaveLength(16);
    expect(issued).toMatchObject({ source: { label: 'My strategy', enabled: true, scope: { accounts: [accountId], symbols: null, sides: null, maxNotionalUsd: 100 }, missingScope: [] }, urlPrefix: 'http://127.0.0.1:8787/webhook/', publicUrl: false });
    expect(auth(issued.oneTimeToken)).toBe('My strategy');
    const row = databaseOf(core).sqlite.prepare('SELECT token_hash FROM webhook_sources').get() as { token_hash: string };
    expect(row.token_hash).toBe(hashToken(issued.oneTimeToken));
    expect(JSON.stringify(core.webhook.sources.list())).not.toContain(issued.oneTimeToken);
    expect(JSON.stringify(core.audit.list({ limit: 100 }))).not.toContain(issued.oneTimeToken);
    expect(core.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'webhook.source.create', actor: 'ui', details: { label: 'My strategy' } });
    expect(filesContaining(temp.home, issued.oneTimeToken)).toEqual([]);
  });

  it('rotates: the new token works at once, the old one only for the grace window (0: never)', () => {
    const first = core.webhook.createSource({ label: 'tv', scope: allowed }, 'ui').oneTimeToken;
    const second = core.webhook.rotateToken('TV', {}, 'ui');
    expect(second.source).toMatchObject({ rotatedAt: clock.now(), previousValidUntil: clock.now() + 600_000 });
    expect([auth(first), auth(second.oneTimeToken)]).toEqual(['tv', 'tv']);
    clock.advance(600_000);
    expect([auth(first), auth(second.oneTimeToken)]).toEqual([undefined, 'tv']);
    expect(core.webhook.sources.get('tv').previousValidUntil).toBeNull();
    const third = core.webhook.rotateToken('tv', { graceMinutes: 0 }, 'ui').oneTimeToken;
    expect([auth(second.oneTimeToken), auth(third)]).toEqual([undefined, 'tv']);
    expect(() => core.webhook.rotateToken('tv', { graceMinutes: -1 }, 'ui')).toThrow(/graceMinutes/);
    expect(core.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'webhook.source.rotate', details: { graceMinutes: 0 } });
    expect(JSON.stringify(core.audit.list({ limit: 100 }))).not.toMatch(new RegExp([first, second.oneTimeToken, third].join('|').replace(/[-]/g, '\\-')));
  });

  it('stores scopes with accounts as ids, changes them field by field, and refuses nonsense', () => {
    core.webhook.createSource({ label: 'scoped', scope: { accounts: ['binance MAIN'], symbols: ['btc/usdt'], sides: ['buy'], maxNotionalUsd: 100 } }, 'ui');
    expect(core.webhook.sources.get('scoped')).toMatchObject({ scope: { accounts: [accountId], symbols: ['BTC/USDT'], sides: ['buy'], maxNotionalUsd: 100 }, accountLabels: ['Binance main'] });
    const updated = core.webhook.sources.update({ ref: 'scoped', scope: { symbols: null, maxNotionalUsd: 50 }, enabled: false, label: 'renamed' }, 'ui');
    expect(updated).toMatchObject({ label: 'renamed', enabled: false, scope: { accounts: [accountId], symbols: null, sides: ['buy'], maxNotionalUsd: 50 } });
    expect(() => core.webhook.createSource({ label: 'x', scope: { accounts: ['nope'] } }, 'ui')).toThrow(expect.objectContaining({ code: 'CREDENTIAL_NOT_FOUND' }));
    expect(() => core.webhook.createSource({ label: 'x', scope: { symbols: ['BTCUSDT'] } }, 'ui')).toThrow(/scope\.symbols\.0 must be a unified symbol such as BTC\/USDT/);
    expect(() => core.webhook.createSource({ label: 'RENAMED', scope: allowed }, 'ui')).toThrow(expect.objectContaining({ code: 'DUPLICATE_LABEL' }));
    expect(() => core.webhook.sources.get('ghost')).toThrow(expect.objectContaining({ code: 'WEBHOOK_SOURCE_NOT_FOUND' }));
  });

  it('deletes a source: its token stops working at once', () => {
    const token = core.webhook.createSource({ label: 'gone', scope: allowed }, 'ui').oneTimeToken;
    expect(core.webhook.sources.delete('gone', 'ui')).toMatchObject({ label: 'gone' });
    expect(auth(token)).toBeUndefined();
    expect(core.webhook.sources.list()).toEqual([]);
  });

  it('sees a source created, rotated, disabled or deleted by another process at once (the CLI beside the app)', async () => {
    const mine = core.webhook.createSource({ label: 'in the app', scope: allowed }, 'ui').oneTimeToken;
    expect(auth(mine)).toBe('in the app');
    const cli = createTestCore(temp.home, { clock });
    try {
      await cli.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
      const created = cli.webhook.createSource({ label: 'from the CLI', scope: allowed }, 'cli').oneTimeToken;
      expect(auth(created)).toBe('from the CLI');
      const rotated = cli.webhook.rotateToken('from the CLI', { graceMinutes: 0 }, 'cli').oneTimeToken;
      expect([auth(created), auth(rotated)]).toEqual([undefined, 'from the CLI']);
      cli.webhook.sources.update({ ref: 'in the app', enabled: false }, 'cli');
      expect(core.webhook.sources.authenticate(mine).source).toMatchObject({ label: 'in the app', enabled: false });
      cli.webhook.sources.delete('from the CLI', 'cli');
      expect(auth(rotated)).toBeUndefined();
      // The app's own changes count at once too.
      core.webhook.sources.update({ ref: 'in the app', enabled: true }, 'ui');
      expect(core.webhook.sources.authenticate(mine).source).toMatchObject({ enabled: true });
    } finally {
      cli.close();
    }
  });

  it('needs the vault unlocked to manage sources', () => {
    core.vault.lock('user', 'ui');
    expect(() => core.webhook.createSource({ label: 'x' }, 'ui')).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
    expect(() => core.webhook.sources.list()).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
  });

  it('matches a token against every candidate, current and previous, and nothing else', () => {
    const token = 'abcdefghijklmnopqrstuv';
    const candidates = [{ hash: hashToken('zzzzzzzzzzzzzzzzzzzzzz'), owner: 'a' }, { hash: hashToken(token), owner: 'b' }];
    expect(matchToken(token, candidates)).toBe('b');
    expect(matchToken(`${token}x`, candidates)).toBeUndefined();
    expect(matchToken('', candidates)).toBeUndefined();
    expect(matchToken('abc', [{ hash: hashToken('abc'), owner: 'short' }])).toBeUndefined();
  });
});
