/** The bulk import (backups, .env files, benchmarks): one transaction, nothing overwritten. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { isKeywardenError } from '../errors';
import { makeBinanceHmacKey } from '../../testing/fake-exchange/keys';
import { TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';

describe('credential transfer: bulk import', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  const options = { actor: 'cli' as const, source: 'test', renameSuffix: 'restored', dryRun: false };

  beforeEach(async () => {
    temp = makeTempHome();
    core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const prepare = (count: number) => core.fieldPreparer.prepareMany(Array.from({ length: count }, (_, i) => ({ provider: 'binance', fields: makeBinanceHmacKey(), name: `key ${i}` })));

  it('stores many keys in one go, unverified, the first of an exchange primary, with their dates', async () => {
    const prepared = await prepare(3);
    const results = core.credentialTransfer.importCredentials(prepared.map((p, i) => ({ prepared: p, label: `k${i}`, environment: 'live' as const, createdAt: 1000 + i, rotatedAt: i === 2 ? 5000 : null })), options);
    expect(results.map((r) => r.outcome)).toEqual(['imported', 'imported', 'imported']);
    const listed = core.credentials.list();
    expect(listed.map((c) => [c.label, c.isPrimary, c.status, c.createdAt, c.rotatedAt])).toEqual([['k0', true, 'unverified', 1000, null], ['k1', false, 'unverified', 1001, null], ['k2', false, 'unverified', 1002, 5000]]);
    expect(core.audit.list({ actionPrefix: 'credential.import', limit: 10 })).toHaveLength(3);
  });

  it('finds a free label within 64 characters, and reports a key stored twice in one import as a duplicate', async () => {
    const long = 'L'.repeat(64);
    const [first, second, third] = await prepare(3);
    core.credentialTransfer.importCredentials([{ prepared: first!, label: long, environment: 'live' }], options);
    const results = core.credentialTransfer.importCredentials([
      { prepared: second!, label: long.toLowerCase(), environment: 'live' },
      { prepared: third!, label: long, environment: 'live' },
      { prepared: third!, label: 'again', environment: 'live' },
    ], options);
    expect(results[0]).toMatchObject({ outcome: 'imported', storedLabel: `${'l'.repeat(53)} (restored)` });
    expect(results[1]).toMatchObject({ outcome: 'imported', storedLabel: `${'L'.repeat(51)} (restored 2)` });
    expect(results[2]).toMatchObject({ outcome: 'duplicate', existingLabel: `${'L'.repeat(51)} (restored 2)` });
    expect(core.credentials.list().every((c) => c.label.length <= 64)).toBe(true);
  });

  it('rolls everything back on any failure, and in a dry run', async () => {
    const prepared = await prepare(2);
    const before = databaseOf(core).sqlite.prepare('SELECT count(*) AS n FROM credential_secrets').get();
    const dry = core.credentialTransfer.importCredentials(prepared.map((p, i) => ({ prepared: p, label: `d${i}`, environment: 'live' as const })), { ...options, dryRun: true });
    expect(dry.map((r) => r.outcome)).toEqual(['imported', 'imported']);
    let caught: unknown;
    try {
      core.credentialTransfer.importCredentials([{ prepared: prepared[0]!, label: 'fine', environment: 'live' }, { prepared: prepared[1]!, label: '\u0007bell', environment: 'live' }], options);
    } catch (error) {
      caught = error;
    }
    expect(isKeywardenError(caught, 'INVALID_INPUT')).toBe(true);
    expect(core.credentials.list()).toEqual([]);
    expect(databaseOf(core).sqlite.prepare('SELECT count(*) AS n FROM credential_secrets').get()).toEqual(before);
  });
});
