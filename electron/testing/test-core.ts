/**
 * Test fixtures for the real core: a fresh data folder per test, a movable clock, a fake of
 * Electron's safeStorage, and the scanning helper that proves a secret is nowhere on disk.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, databaseOf, type Core, type CoreOptions } from '../core/app';

export { databaseOf };
import type { Clock } from '../core/clock';
import type { SafeStorageLike } from '../core/vault/os-keychain-protector';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const migrationsFolder = path.join(repoRoot, 'drizzle');
export const cliBundle = path.join(repoRoot, 'out', 'cli', 'keywarden.js');

/** A cheaper scrypt for tests that unlock many times; the default cost has its own test. */
export const testScryptCost = { N: 2 ** 14, r: 8, p: 1 } as const;

export const TEST_PASSPHRASE = 'correct horse battery staple';

export function makeTempHome(prefix = 'keywarden-test-'): { home: string; cleanup(): void } {
  const home = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export class ManualClock implements Clock {
  constructor(public time = Date.UTC(2026, 10, 22, 12, 0, 0)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export function createTestCore(home: string, options: Partial<CoreOptions> = {}): Core {
  return createCore({ home, migrationsFolder, scryptCost: testScryptCost, ...options });
}

/** A stand-in for Electron's safeStorage: a real AES key held "by the OS" (this object). */
export class FakeSafeStorage implements SafeStorageLike {
  backend = 'gnome_libsecret';
  available = true;
  reEncryptNext = false;
  #mask = Buffer.from('keywarden-fake-os-keychain-key!!');

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    const data = Buffer.from(plainText, 'utf8');
    return Buffer.concat([Buffer.from('v11'), Buffer.from(data.map((byte, i) => byte ^ (this.#mask[i % this.#mask.length] ?? 0)))]);
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('cannot decrypt');
    const data = encrypted.subarray(3);
    const shouldReEncrypt = this.reEncryptNext;
    this.reEncryptNext = false;
    return { result: Buffer.from(data.map((byte, i) => byte ^ (this.#mask[i % this.#mask.length] ?? 0))).toString('utf8'), shouldReEncrypt };
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
}

/**
 * Every file under `folder` (database, WAL, anything else) that contains `needle` as UTF-8, UTF-16
 * or base64. Used to prove that a secret never reached the disk in plaintext.
 */
export function filesContaining(folder: string, needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le'), Buffer.from(Buffer.from(needle).toString('base64'))];
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else {
        const bytes = readFileSync(file);
        if (forms.some((form) => bytes.includes(form))) hits.push(file);
      }
    }
  };
  walk(folder);
  return hits;
}
