import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isKeywardenError } from '../errors';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';
import { DATABASE_FILE } from './database';

const posix = process.platform !== 'win32';
const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('the data folder at start', () => {
  const temps: ReturnType<typeof makeTempHome>[] = [];
  afterEach(() => {
    for (const temp of temps.splice(0)) temp.cleanup();
  });
  const newHome = () => {
    const temp = makeTempHome();
    temps.push(temp);
    return path.join(temp.home, 'Keywarden');
  };

  it.runIf(posix)('tightens a pre-existing 0755 folder to 0700 and its files to 0600, and records it in the audit log', async () => {
    const home = newHome();
    mkdirSync(home, { mode: 0o755 });
    chmodSync(home, 0o755);
    const core = createTestCore(home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.close();
    // As a copy, a sync tool or an old version might leave it.
    chmodSync(home, 0o755);
    chmodSync(path.join(home, DATABASE_FILE), 0o644);
    writeFileSync(path.join(home, 'notes.txt'), 'x', { mode: 0o644 });
    chmodSync(path.join(home, 'notes.txt'), 0o644);

    const reopened = createTestCore(home);
    // The folder made 0755 above was tightened at the first start too; this start found the copy's files.
    const recorded = reopened.audit.list({ limit: 5 }).filter((record) => record.action === 'store.permissionsTightened' && String(record.details['paths']).includes('notes.txt'));
    reopened.close();

    expect(modeOf(home)).toBe(0o700);
    expect(modeOf(path.join(home, DATABASE_FILE))).toBe(0o600);
    expect(modeOf(path.join(home, 'notes.txt'))).toBe(0o600);
    expect(recorded).toHaveLength(1);
    expect(String(recorded[0]?.details['paths'])).toContain('notes.txt');
    // A folder that is already private is not recorded again.
    const again = createTestCore(home);
    expect(again.audit.list({ limit: 10 }).filter((record) => record.action === 'store.permissionsTightened')).toHaveLength(2);
    again.close();
  });

  it('refuses a zero-byte database as damaged instead of starting as "no vault yet"', async () => {
    const home = newHome();
    mkdirSync(home, { mode: 0o700 });
    writeFileSync(path.join(home, DATABASE_FILE), '');
    let failure: unknown;
    try {
      createTestCore(home).close();
    } catch (error) {
      failure = error;
    }
    expect(isKeywardenError(failure) && failure.code).toBe('DATABASE_CORRUPT');
    expect(String((failure as Error).message)).toMatch(/is empty \(0 bytes\).*not taken as a new vault.*keyword?en backup import|is empty \(0 bytes\).*backup import/);
    expect(statSync(path.join(home, DATABASE_FILE)).size).toBe(0);
  });
});
