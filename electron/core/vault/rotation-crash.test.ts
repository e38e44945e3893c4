/**
 * Kill the process at several moments of a vault-key rotation; afterwards every secret must still
 * decrypt (under the old key or the new one, never a mix), and the audit chain must verify.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, rmSync } from 'node:fs';
import { bundleChildEntry, runChild } from '../../testing/child-process';
import { makeBinanceHmacKey } from '../../testing/fake-exchange/keys';
import { TEST_PASSPHRASE, createTestCore, makeTempHome, repoRoot, databaseOf } from '../../testing/test-core';

const CREDENTIALS = 600; // 1,200 sealed fields: progress is reported every 500

describe('killing the process during a vault-key rotation', () => {
  const template = makeTempHome('keywarden-rotation-template-');
  const originals = new Map<string, Record<string, string>>();
  let child: string;

  beforeAll(async () => {
    child = await bundleChildEntry(path.join(repoRoot, 'electron/testing/rotation-child.ts'));
    const core = createTestCore(template.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'system');
    // Seed through the real store, in one go so the test stays quick.
    for (let i = 0; i < CREDENTIALS; i += 1) {
      const key = makeBinanceHmacKey();
      const info = await core.credentials.create({ provider: 'binance', label: `key ${i}`, fields: key }, 'system');
      originals.set(info.id, key);
    }
    core.close();
  });
  afterAll(() => template.cleanup());

  const killPoints = ['wrapping:0', 're-encrypting:500', 're-encrypting:1000', `re-encrypting:${CREDENTIALS * 2}`, 'committed:0', 'after-commit', 'none'];

  for (const killAt of killPoints) {
    it(`leaves every secret readable when killed at ${killAt}`, async () => {
      const run = makeTempHome('keywarden-rotation-');
      try {
        cpSync(template.home, run.home, { recursive: true });
        const result = await runChild(child, [run.home, killAt]);
        if (killAt === 'none') expect(result).toMatchObject({ code: 0, stdout: 'rotated\n' });
        else expect(result.signal).toBe('SIGKILL');

        const core = createTestCore(run.home);
        try {
          await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'system');
          const status = await core.vault.status();
          const committed = ['committed:0', 'after-commit', 'none'].includes(killAt);
          expect(status.keyVersion).toBe(committed ? 2 : 1);
          for (const [id, key] of originals) expect(core.credentials.getDecrypted(id).secrets).toEqual(key);
          const versions = databaseOf(core).sqlite.prepare('SELECT DISTINCT hex(substr(ciphertext, 2, 4)) AS v FROM credential_secrets').all();
          expect(versions).toEqual([{ v: committed ? '00000002' : '00000001' }]);
          expect(core.audit.verify()).toMatchObject({ ok: true });
          // The vault keeps working: a later rotation completes.
          await core.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'system');
          const first = originals.keys().next().value as string;
          expect(core.credentials.getDecrypted(first).secrets).toEqual(originals.get(first));
        } finally {
          core.close();
        }
      } finally {
        rmSync(run.home, { recursive: true, force: true });
      }
    });
  }
});
