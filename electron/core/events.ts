/**
 * Events the core emits for whoever shows state (the renderer through IPC, the tray, the CLI's
 * `serve`). Payloads carry ids and states, never secrets.
 */
import { EventEmitter } from 'node:events';
import type { CoreEventMap, CoreEventName } from './events-schema';

export type { CoreEventMap, CoreEventName } from './events-schema';

export class CoreEvents {
  readonly #emitter = new EventEmitter();

  emit<K extends CoreEventName>(name: K, payload: CoreEventMap[K]): void {
    this.#emitter.emit(name, payload);
  }

  /** Returns the function that unsubscribes. */
  on<K extends CoreEventName>(name: K, listener: (payload: CoreEventMap[K]) => void): () => void {
    this.#emitter.on(name, listener);
    return () => this.#emitter.off(name, listener);
  }
}
