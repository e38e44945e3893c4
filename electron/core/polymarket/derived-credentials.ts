/**
 * CLOB API credentials derived from Polymarket accounts' keys (polymarket-accounts.ts), by key
 * fingerprint: in memory only, never stored, forgotten at every lock. No viem here: the core holds
 * one from its start, before any Polymarket code is loaded.
 */
import type { ClobCredentials } from './clob-auth';

/** Derived credentials by key fingerprint, in memory only. */
export class DerivedCredentials {
  readonly #byKey = new Map<string, ClobCredentials>();

  get(key: string): ClobCredentials | undefined {
    return this.#byKey.get(key);
  }

  set(key: string, creds: ClobCredentials): void {
    this.#byKey.set(key, creds);
  }

  clear(): void {
    this.#byKey.clear();
  }
}
