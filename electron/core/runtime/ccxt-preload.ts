/**
 * ccxt takes about 0.4 s to import (ccxt-loader.ts), and the first alert after start used to wait for
 * it (ack up to 458 ms, issue 22). A host that will trade (a running listener, the headless agent)
 * imports it in the background right after start instead: on the next turn of the event loop, so the
 * start itself returns first, and failure is left for the first real use to report.
 */
import { isCcxtLoaded, loadCcxt } from '../exchanges/ccxt-loader';

/** Starts importing ccxt on the next turn; returns when it is loaded (or failed, quietly). */
export function preloadCcxtSoon(): Promise<void> {
  if (isCcxtLoaded()) return Promise.resolve();
  return new Promise((resolve) => {
    setImmediate(() => {
      loadCcxt().then(() => resolve(), () => resolve());
    });
  });
}
