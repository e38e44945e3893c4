/**
 * ccxt takes about 0.4 s to import (EXCHANGE-FACTS.md), so nothing loads it until it is needed:
 * opening the vault, listing keys or serving the UI never pays for it.
 */
import type * as CcxtModule from 'ccxt';
import { KeywardenError } from '../errors';

export type Ccxt = typeof CcxtModule;

let loading: Promise<Ccxt> | undefined;
let loaded = false;

/** Imports ccxt once, on first use. */
export function loadCcxt(): Promise<Ccxt> {
  loading ??= import('ccxt').then(
    (module) => {
      loaded = true;
      // ccxt is CommonJS-with-ESM; depending on the loader the namespace may sit under `default`.
      return ((module as unknown as { default?: Ccxt }).default ?? module) as Ccxt;
    },
    () => {
      loading = undefined;
      throw new KeywardenError('EXCHANGE_LIBRARY_UNAVAILABLE', 'The exchange library (ccxt) could not be loaded. Reinstall Keywarden.');
    },
  );
  return loading;
}

/** Whether ccxt has been imported in this process (benchmarks assert start-up does not load it). */
export function isCcxtLoaded(): boolean {
  return loaded;
}
