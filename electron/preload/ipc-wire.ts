/**
 * The wire format between the preload and the main process: which Electron IPC channel carries each
 * contract channel, and the one channel that carries events. Both sides import this file, so the names
 * cannot drift apart. It imports nothing at run time, so it is safe in the sandboxed preload bundle.
 */
import type { ChannelName, ContractEventName, ContractEventPayload } from '../api/contract';

/** Prefixed so a contract channel can never collide with Electron's own internal IPC channels. */
const CHANNEL_PREFIX = 'keywarden:';

/** The Electron IPC channel that carries one contract channel, e.g. `keywarden:vault.unlock`. */
export function ipcChannelFor(name: ChannelName): string {
  return `${CHANNEL_PREFIX}${name}`;
}

/** The one main → renderer channel: every contract event travels on it as an `EventMessage`. */
export const EVENT_CHANNEL = 'keywarden:event';

/** One event as it crosses the wire; the payload was validated against its schema before sending. */
export type EventMessage = {
  [E in ContractEventName]: { readonly name: E; readonly payload: ContractEventPayload<E> };
}[ContractEventName];
