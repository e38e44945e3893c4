/**
 * Builds `window.keywarden` from the contract: one method per contract channel (named exactly like the
 * channel) and `subscribe`. Generated from `channelNames`, so a channel added to the contract appears
 * here without anyone editing this file, and nothing else can: there is no generic `invoke`, and
 * `ipcRenderer` itself never reaches the page (Electron security checklist, "do not expose Electron
 * APIs to untrusted web content").
 */
import { channelNames, contractEventNames, type ChannelName, type ContractEventName, type ContractEventPayload } from '../api/contract';
import type { KeywardenApi, KeywardenChannelMethods } from '../api/keywarden-api';
import { EVENT_CHANNEL, ipcChannelFor } from './ipc-wire';

/** The part of Electron's `ipcRenderer` the bridge uses; tests pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createKeywardenApi(ipc: IpcRendererLike): KeywardenApi {
  const methods = Object.fromEntries(channelNames.map((name) => [name, channelMethod(ipc, name)])) as KeywardenChannelMethods;
  const subscribe = createSubscribe(ipc);
  const api = { ...methods, subscribe } satisfies KeywardenApi;
  return Object.freeze(api);
}

/**
 * The method for one channel. Typed loosely here because TypeScript cannot relate a generic channel
 * name to its entry in the mapped method type; `createKeywardenApi` states the exact type once.
 */
function channelMethod(ipc: IpcRendererLike, name: ChannelName): (input: unknown) => Promise<unknown> {
  const channel = ipcChannelFor(name);
  // Only the input crosses: the renderer cannot pick another channel or add arguments.
  return (input: unknown) => ipc.invoke(channel, input);
}

type Listener = (payload: never) => void;

/**
 * One IPC listener for all events, fanned out to the page's callbacks. Callbacks get the payload only,
 * never Electron's event object (which carries `sender`, a handle back into the main process).
 */
function createSubscribe(ipc: IpcRendererLike): KeywardenApi['subscribe'] {
  const listeners = new Map<ContractEventName, Set<Listener>>();
  const known = new Set<string>(contractEventNames);

  ipc.on(EVENT_CHANNEL, (_event, message) => {
    if (!message || typeof message !== 'object') return;
    const { name, payload } = message as { name?: unknown; payload?: unknown };
    if (typeof name !== 'string' || !known.has(name)) return;
    for (const listener of [...(listeners.get(name as ContractEventName) ?? [])]) {
      try {
        (listener as (payload: unknown) => void)(payload);
      } catch (error) {
        // One failing subscriber must not starve the others; rethrown so it still shows in the console.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  });

  return function subscribe<E extends ContractEventName>(event: E, callback: (payload: ContractEventPayload<E>) => void): () => void {
    if (!known.has(event)) throw new TypeError(`There is no Keywarden event called "${String(event).slice(0, 64)}".`);
    if (typeof callback !== 'function') throw new TypeError('subscribe needs a callback function.');
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const listener = callback as Listener;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
}
