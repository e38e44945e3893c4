/**
 * CLI side of issue 14's smaller points: the passphrase file's owner-only check, the passphrase
 * variable scrubbed from the environment once read, and --allow-lan for a non-loopback listener.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKeywardenError } from '../core/errors';
import { keywardenCli } from '../testing/cli-runner';
import { TEST_PASSPHRASE, makeTempHome, migrationsFolder } from '../testing/test-core';
import { CliSession } from './cli-session';
import { readPassphraseFile } from './passphrase-file';

const posix = process.platform !== 'win32';

describe('CLI hardening', () => {
  const temp = makeTempHome('keywarden-cli-hardening-');
  const run = (args: string[]) => keywardenCli(temp.home, args);

  beforeAll(async () => {
    expect((await run(['init'])).code).toBe(0);
  });
  afterAll(() => temp.cleanup());

  it.runIf(posix)('reads a passphrase file only when it is owner-only (0600)', () => {
    const file = path.join(temp.home, 'passphrase');
    writeFileSync(file, `${TEST_PASSPHRASE}\n`);
    chmodSync(file, 0o644);
    let failure: unknown;
    try {
      readPassphraseFile(file);
    } catch (error) {
      failure = error;
    }
    expect(isKeywardenError(failure) && failure.message).toContain('chmod 600');
    chmodSync(file, 0o600);
    expect(readPassphraseFile(file)).toBe(TEST_PASSPHRASE);
  });

  it.runIf(posix)('serve refuses a group-readable passphrase file before unlocking anything', async () => {
    const file = path.join(temp.home, 'loose-passphrase');
    writeFileSync(file, TEST_PASSPHRASE);
    chmodSync(file, 0o640);
    const result = await keywardenCli(temp.home, ['serve', '--port', '0', '--passphrase-file', file], { env: { KEYWARDEN_PASSPHRASE: undefined } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('can be read or changed by other users (mode 640)');
    expect(result.stderr).not.toContain(TEST_PASSPHRASE);
  });

  it('deletes KEYWARDEN_PASSPHRASE from the environment once it has been read', async () => {
    const env: NodeJS.ProcessEnv = { KEYWARDEN_PASSPHRASE: TEST_PASSPHRASE };
    const session = new CliSession({ home: temp.home, migrationsFolder, env });
    try {
      await session.unlock();
      expect((await session.core()).vault.isUnlocked()).toBe(true);
      expect(env).not.toHaveProperty('KEYWARDEN_PASSPHRASE');
      // Still known for the rest of this invocation (rotation asks for it again).
      expect(await session.passphrase()).toBe(TEST_PASSPHRASE);
    } finally {
      session.close();
    }
  });

  it('needs --allow-lan to make the listener bind a non-loopback address', async () => {
    const refused = await run(['webhook', 'settings', '--host', '0.0.0.0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('plain HTTP');
    expect(refused.stderr).toContain('--allow-lan');
    expect((await run(['--json', 'webhook', 'settings'])).stdout).toContain('"host": "127.0.0.1"');
    const accepted = await run(['webhook', 'settings', '--host', '0.0.0.0', '--allow-lan']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain('0.0.0.0');
    const serve = await run(['serve', '--host', '192.168.1.10', '--port', '0']);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain('--allow-lan');
  });
});
