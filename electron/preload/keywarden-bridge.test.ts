import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPreload } from '../scripts/build-electron.js';
import { channelNames } from '../api/contract';
import { makeTempHome } from '../testing/test-core';
import { EVENT_CHANNEL, ipcChannelFor } from './ipc-wire';
import { createKeywardenApi, type IpcRendererLike } from './keywarden-bridge';

class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  readonly listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return { ok: true, value: channel };
  }
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): this {
    this.listeners.set(channel, listener);
    return this;
  }
  /** Delivers a main → renderer message, with an event object the page must never see. */
  deliver(message: unknown): void {
    this.listeners.get(EVENT_CHANNEL)?.({ sender: 'ipcRenderer internals' }, message);
  }
}

describe('window.keywarden', () => {
  it('has exactly one method per contract channel plus subscribe: no ipcRenderer, no generic invoke', () => {
    const api = createKeywardenApi(new FakeIpcRenderer());
    expect(Object.keys(api).sort()).toEqual([...channelNames, 'subscribe'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const name of channelNames) expect(typeof api[name]).toBe('function');
  });

  it('sends each method on its own channel with only the input', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createKeywardenApi(ipc);
    expect(await api['vault.unlock']({ method: 'passphrase', passphrase: 'p' })).toEqual({ ok: true, value: 'keywarden:vault.unlock' });
    await (api['vault.status'] as (...args: unknown[]) => Promise<unknown>)({}, 'extra', 'arguments');
    expect(ipc.invoked).toEqual([
      { channel: ipcChannelFor('vault.unlock'), args: [{ method: 'passphrase', passphrase: 'p' }] },
      { channel: ipcChannelFor('vault.status'), args: [{}] },
    ]);
  });

  it('subscribe: payload only, per event, until unsubscribed; unknown events are refused', () => {
    const ipc = new FakeIpcRenderer();
    const api = createKeywardenApi(ipc);
    const locked: unknown[][] = [];
    const unsubscribe = api.subscribe('vault.locked', (...args) => locked.push(args));
    const changed: unknown[] = [];
    api.subscribe('credentials.changed', (payload) => changed.push(payload));
    ipc.deliver({ name: 'vault.locked', payload: { reason: 'idle' } });
    ipc.deliver({ name: 'credentials.changed', payload: { id: 'abcdefghij', change: 'created' } });
    ipc.deliver({ name: 'not.an.event', payload: {} });
    ipc.deliver('garbage');
    unsubscribe();
    unsubscribe();
    ipc.deliver({ name: 'vault.locked', payload: { reason: 'user' } });
    expect(locked).toEqual([[{ reason: 'idle' }]]);
    expect(changed).toEqual([{ id: 'abcdefghij', change: 'created' }]);
    expect(() => api.subscribe('vault.exploded' as never, () => {})).toThrow('There is no Keywarden event called "vault.exploded".');
  });
});

describe('the bundled preload (out/preload/preload.cjs)', () => {
  const temp = makeTempHome('keywarden-preload-');
  const outfile = path.join(temp.home, 'preload.cjs');
  beforeAll(() => buildPreload(outfile), 60_000);
  afterAll(() => temp.cleanup());

  it('runs in a sandbox that can require only "electron", and exposes exactly the contract as window.keywarden', () => {
    const exposed = new Map<string, Record<string, unknown>>();
    const required: string[] = [];
    const ipcRenderer = new FakeIpcRenderer();
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require "${name}"`);
      return { contextBridge: { exposeInMainWorld: (key: string, value: Record<string, unknown>) => exposed.set(key, value) }, ipcRenderer };
    };
    vm.runInNewContext(readFileSync(outfile, 'utf8'), { require: sandboxRequire, queueMicrotask, console });
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['keywarden']);
    expect(Object.keys(exposed.get('keywarden') ?? {}).sort()).toEqual([...channelNames, 'subscribe'].sort());
    expect(ipcRenderer.listeners.has(EVENT_CHANNEL)).toBe(true);
  });

  it('carries the channel names, not the contract\'s schemas (no zod in the renderer\'s preload)', () => {
    const code = readFileSync(outfile, 'utf8');
    expect(code).not.toMatch(/zod|safeParse/);
    expect(code.length).toBeLessThan(20_000);
  });
});
