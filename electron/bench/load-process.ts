/** A bench's load process (webhook-load.child.ts), asked one thing at a time over the fork IPC channel. */
import { fork, type ChildProcess } from 'node:child_process';
import type { LoadReply, LoadRequest } from './webhook-load-protocol';

export class LoadProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;

  /** `lifetimeMs`: when the process ends by itself (default 15 minutes), for a run longer than that. */
  constructor(entry: string, options: { readonly lifetimeMs?: number } = {}) {
    const env = options.lifetimeMs ? { ...process.env, KEYWARDEN_LOAD_LIFETIME_MS: String(options.lifetimeMs) } : process.env;
    this.#child = fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
    this.#exited = new Promise((resolve) => this.#child.once('exit', () => resolve()));
  }

  ask<T extends LoadReply['type']>(request: LoadRequest, expected: T): Promise<Extract<LoadReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('bench: the load process exited'));
      this.#child.once('exit', onExit);
      this.#child.once('message', (message: LoadReply) => {
        this.#child.off('exit', onExit);
        if (message.type === expected) resolve(message as Extract<LoadReply, { type: T }>);
        else reject(new Error(`bench: the load process answered ${message.type === 'failed' ? message.message : message.type}`));
      });
      this.#child.send(request);
    });
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.connected) this.#child.send({ type: 'stop' } satisfies LoadRequest);
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5000);
    await this.#exited;
    clearTimeout(timer);
  }
}
