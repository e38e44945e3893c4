/**
 * A stand-in for window.keywarden in the renderer's unit tests: the KeywardenApi type of
 * electron/api/keywarden-api.ts, answering each channel as the test says, remembering what was sent,
 * and raising contract events on demand. A channel the test did not answer resolves to an INTERNAL
 * error naming it, so a forgotten answer shows up in the failing assertion.
 */
import type { ChannelInput, ChannelName, ChannelOutput, ContractError, ContractEventName, ContractEventPayload, ContractResult, ErrorCode, KeywardenApi } from '../api/contract-types';

export type FakeAnswer<K extends ChannelName> = (input: ChannelInput<K>) => ContractResult<ChannelOutput<K>> | Promise<ContractResult<ChannelOutput<K>>>;
export type FakeAnswers = { [K in ChannelName]?: FakeAnswer<K> };

export interface FakeKeywardenApi {
  /** What the stores are given in place of window.keywarden. */
  readonly api: KeywardenApi;
  /** Sets (or replaces) how a channel answers. */
  answer<K extends ChannelName>(channel: K, answer: FakeAnswer<K>): void;
  /** The inputs sent to one channel, oldest first. */
  callsTo<K extends ChannelName>(channel: K): ChannelInput<K>[];
  /** Raises a contract event, as the main process would. */
  emit<E extends ContractEventName>(event: E, payload: ContractEventPayload<E>): void;
}

/** The core's answer with a value. */
export function ok<T>(value: T): ContractResult<T> {
  return { ok: true, value };
}

/** The core's typed refusal, as every transport delivers it. */
export function refused(code: ErrorCode, message: string): { readonly ok: false; readonly error: ContractError } {
  return { ok: false, error: { code, message } };
}

/** A promise the test settles when it wants: to hold a call in flight while something else happens. */
export function deferred<T>(): { readonly promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** A fresh fake, answering the channels in `initial` (more can be set later with `answer`). */
export function createFakeKeywardenApi(initial: FakeAnswers = {}): FakeKeywardenApi {
  const answers = new Map<string, (input: unknown) => unknown>(Object.entries(initial) as [string, (input: unknown) => unknown][]);
  const calls: { readonly channel: string; readonly input: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const subscribe = (event: string, callback: (payload: unknown) => void): (() => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(callback);
    listeners.set(event, set);
    return () => set.delete(callback);
  };
  const call = (channel: string) => async (input: unknown): Promise<unknown> => {
    calls.push({ channel, input });
    const answer = answers.get(channel);
    return answer ? answer(input) : refused('INTERNAL', `The fake window.keywarden has no answer for ${channel}.`);
  };
  // Every channel ("vault.status", …) is a method: a Proxy, so the fake keeps no list of channel names of its own.
  const api = new Proxy({ subscribe } as object, {
    get: (target, property) => (typeof property === 'string' && property.includes('.') ? call(property) : Reflect.get(target, property)),
  }) as KeywardenApi;

  return {
    api,
    answer(channel, answer) {
      answers.set(channel, answer as (input: unknown) => unknown);
    },
    callsTo<K extends ChannelName>(channel: K) {
      return calls.filter((entry) => entry.channel === channel).map((entry) => entry.input as ChannelInput<K>);
    },
    emit(event, payload) {
      for (const callback of listeners.get(event) ?? []) callback(payload);
    },
  };
}
