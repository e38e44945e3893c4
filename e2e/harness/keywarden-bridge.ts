/**
 * window.keywarden for a page in Playwright, over the real core: the same object the Electron
 * preload builds (one method per contract channel, named like the channel, plus subscribe), each
 * method calling the same invokeChannel the Electron IPC uses. Core events are forwarded to the
 * page's subscribers. Every answer and event is recorded, so tests can prove none carried a secret.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Core } from '../../electron/core/app';
import { channelNames, contractEventNames } from '../../electron/api/contract';
import { forwardCheckedEvents } from '../../electron/api/contract-events';
import type { FileChooser } from '../../electron/api/handler-types';
import { createChosenFiles } from '../../electron/api/chosen-files';
import { invokeChannel } from '../../electron/api/handlers';

const INVOKE_BINDING = '__keywardenInvoke';
const DISPATCH_FUNCTION = '__keywardenDispatch';

export interface KeywardenBridge {
  /** JSON of every answer the page received and every event it was sent, in order. */
  readonly traffic: readonly string[];
  /** Stops forwarding core events. */
  detach(): void;
}

/**
 * `chooseFile`: the desktop app's system file dialog, as the test scripts it (none: as in a plain
 * browser). As in the app, the page names files only by the handles its choices return.
 */
export async function installKeywardenBridge(context: BrowserContext, page: Page, core: Core, chooseFile?: FileChooser): Promise<KeywardenBridge> {
  const traffic: string[] = [];
  const files = chooseFile ? createChosenFiles(chooseFile, () => core.clock.now()) : undefined;
  await context.exposeBinding(INVOKE_BINDING, async (_source, name: unknown, input: unknown) => {
    const result = await invokeChannel(core, String(name), input, { actor: 'ui', files });
    traffic.push(JSON.stringify(result));
    return result;
  });
  await context.addInitScript(defineWindowKeywarden, { channels: [...channelNames], events: [...contractEventNames], invokeBinding: INVOKE_BINDING, dispatchFunction: DISPATCH_FUNCTION });

  // Checked against the contract as the Electron transport does (api/contract-events.ts).
  const stop = forwardCheckedEvents(core.events, {
    deliver(event, payload) {
      traffic.push(JSON.stringify({ event, payload }));
      // The page may be navigating or closed; an event it misses is what a real window would miss too.
      page.evaluate(dispatchToPage, { dispatchFunction: DISPATCH_FUNCTION, event, payload }).catch(() => undefined);
    },
    dropped: (event) => traffic.push(JSON.stringify({ dropped: event })),
  });
  return { traffic, detach: stop };
}

interface BridgeSetup {
  readonly channels: readonly string[];
  readonly events: readonly string[];
  readonly invokeBinding: string;
  readonly dispatchFunction: string;
}

/** Runs inside the page before its own scripts. Must not use anything from this module's scope. */
function defineWindowKeywarden({ channels, events, invokeBinding, dispatchFunction }: BridgeSetup): void {
  type Listener = (payload: unknown) => void;
  const page = globalThis as unknown as Record<string, unknown>;
  const listeners = new Map<string, Set<Listener>>();
  const api: Record<string, unknown> = {};
  for (const name of channels) {
    api[name] = (input: unknown) => (page[invokeBinding] as (name: string, input: unknown) => Promise<unknown>)(name, input);
  }
  api['subscribe'] = (event: string, callback: Listener) => {
    if (!events.includes(event)) throw new Error(`There is no event called ${event}.`);
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(callback);
    return () => {
      set.delete(callback);
    };
  };
  Object.defineProperty(page, 'keywarden', { value: Object.freeze(api), enumerable: true });
  Object.defineProperty(page, dispatchFunction, {
    value: (event: string, payload: unknown) => {
      for (const callback of listeners.get(event) ?? []) callback(payload);
    },
  });
}

/** Runs inside the page: hands one core event to its subscribers. */
function dispatchToPage({ dispatchFunction, event, payload }: { dispatchFunction: string; event: string; payload: unknown }): void {
  const dispatch = (globalThis as unknown as Record<string, unknown>)[dispatchFunction];
  if (typeof dispatch === 'function') (dispatch as (event: string, payload: unknown) => void)(event, payload);
}
