/**
 * One CLI invocation's connection to the core: at the first call it asks the agent for this data
 * folder (electron/api/agent-socket) and, when none answers, opens the data folder itself; either way
 * a channel call goes through the same `invokeChannel` the desktop app uses, as actor `cli`. It
 * unlocks on demand with the passphrase from KEYWARDEN_PASSPHRASE or a hidden prompt; a locked agent
 * is unlocked only on a terminal, after asking (locking it was someone's decision).
 */
import { KeywardenError } from '../api/errors';
import type { ChannelInput, ChannelName, ChannelOutput, ContractError, ContractResult } from '../api/contract';
import type { Core } from '../api/core-host';
import type { CallNotice } from '../api/handler-types';
import type * as LocalCoreModule from './local-core';
import { AgentClient } from '../api/agent-socket/agent-client';
import type { AgentInfo } from '../api/agent-socket/protocol';
import { promptHidden } from './terminal-input';

/** A contract call that failed; carries the typed error to print. */
export class CommandFailure extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
  }
}

type LocalCore = typeof LocalCoreModule;

const lockedAgent: ContractError = { code: 'VAULT_LOCKED', message: 'The Keywarden agent is locked: run keywarden unlock' };

export interface CliSessionOptions {
  readonly home: string;
  readonly migrationsFolder: string;
  readonly env: NodeJS.ProcessEnv;
}

export class CliSession {
  readonly #options: CliSessionOptions;
  /** This process's own core, loaded and opened at its first use (local-core.ts). */
  #core: Promise<{ core: Core; invokeChannel: LocalCore['invokeChannel'] }> | undefined;
  #opened: Core | undefined;
  #passphrase: string | undefined;
  /** Decided at the first call: the agent's connection, or null for this process's own core. */
  #agent: Promise<AgentClient | null> | undefined;

  constructor(options: CliSessionOptions) {
    this.#options = options;
  }

  get home(): string {
    return this.#options.home;
  }

  /** This process's own core (for hosts: `serve`, `agent`); the first call opens the data folder. */
  async core(): Promise<Core> {
    return (await this.#local()).core;
  }

  // A dynamic import: the core (drizzle, SQLite, the contract's schemas) is its own bundle chunk,
  // which a command the agent answers never loads (electron/scripts/build-cli.js).
  #local(): Promise<{ core: Core; invokeChannel: LocalCore['invokeChannel'] }> {
    this.#core ??= import('./local-core').then(({ createCore, exchangeUrlOverridesFrom, invokeChannel }) => ({
      core: (this.#opened = createCore({
        home: this.#options.home,
        migrationsFolder: this.#options.migrationsFolder,
        // For tests and proxies only; the desktop UI has no way to set it.
        exchangeUrlOverrides: exchangeUrlOverridesFrom(this.#options.env),
      })),
      invokeChannel,
    }));
    return this.#core;
  }

  /** `onNotice` hears why a call to the agent waits (the desktop app asking a person) before it answers. */
  async call<K extends ChannelName>(name: K, input: ChannelInput<K>, onNotice?: (notice: CallNotice) => void): Promise<ChannelOutput<K>> {
    const agent = await this.#agentOrLocal();
    const result: ContractResult<unknown> = agent ? await agent.request(name, input, onNotice) : await this.#callHere(name, input);
    if (!result.ok) throw new CommandFailure(agent && result.error.code === 'VAULT_LOCKED' ? lockedAgent : result.error);
    return result.value as ChannelOutput<K>;
  }

  async #callHere(name: ChannelName, input: unknown): Promise<ContractResult<unknown>> {
    const local = await this.#local();
    return local.invokeChannel(local.core, name, input, { actor: 'cli' });
  }

  /** For hosts (`serve`, `agent`): this process holds the vault itself, even while an agent runs. */
  openVaultHere(): void {
    this.#agent ??= Promise.resolve(null);
  }

  /** Whether this command's calls go to the agent (decided at the first call). */
  async usesAgent(): Promise<boolean> {
    return (await this.#agentOrLocal()) !== null;
  }

  /** The running agent's facts, or undefined when this command did not reach one. */
  async agentInfo(): Promise<AgentInfo | undefined> {
    const agent = await this.#agentOrLocal();
    return agent ? agent.info() : undefined;
  }

  /** Asks the running agent to stop; false when none was reached. */
  async stopAgent(): Promise<boolean> {
    const agent = await this.#agentOrLocal();
    if (!agent) return false;
    const result = await agent.request('agent.stop', {});
    if (!result.ok) throw new CommandFailure(result.error);
    return true;
  }

  #agentOrLocal(): Promise<AgentClient | null> {
    this.#agent ??= AgentClient.connect(this.home).then((client) => client ?? null);
    return this.#agent;
  }

  /** The passphrase for this invocation: given (--passphrase-file), KEYWARDEN_PASSPHRASE, else asked once on the terminal. */
  async passphrase(question = 'Passphrase: '): Promise<string> {
    this.#passphrase ??= this.#takeFromEnv('KEYWARDEN_PASSPHRASE') || (await promptHidden(question));
    return this.#passphrase;
  }

  /** Whether a passphrase is at hand without asking (given, or in KEYWARDEN_PASSPHRASE). */
  passphraseGiven(): boolean {
    return this.#passphrase !== undefined || Boolean(this.#options.env['KEYWARDEN_PASSPHRASE']);
  }

  /** A passphrase the command got another way (a passphrase file); used instead of the variable or prompt. */
  usePassphrase(passphrase: string): void {
    this.#passphrase = passphrase;
  }

  /**
   * Reads a secret variable and deletes it from this process's environment, so that nothing it
   * starts inherits it and nothing that dumps process.env shows it. /proc/<pid>/environ on Linux
   * still shows the environment the process started with; only a passphrase file avoids that.
   */
  #takeFromEnv(name: 'KEYWARDEN_PASSPHRASE' | 'KEYWARDEN_NEW_PASSPHRASE'): string | undefined {
    const value = this.#options.env[name];
    delete this.#options.env[name];
    return value;
  }

  /** Unlocks the vault if it is locked. */
  async unlock(): Promise<void> {
    const status = await this.call('vault.status', {});
    if (!status.initialized) {
      throw new CommandFailure({ code: 'VAULT_NOT_INITIALIZED', message: `There is no vault in ${this.home} yet. Create one with: keywarden init` });
    }
    if (!status.protectors.some((protector) => protector.kind === 'passphrase')) {
      throw new CommandFailure({ code: 'PROTECTOR_UNAVAILABLE', message: 'This vault is protected only by the OS keychain, which the CLI cannot reach. Add a passphrase in the app (Settings → Passphrase) to use the CLI.' });
    }
    if (await this.usesAgent()) {
      if (status.locked) await this.#unlockAgent();
      return;
    }
    const passphrase = await this.passphrase();
    if (status.locked) await this.call('vault.unlock', { method: 'passphrase', passphrase });
  }

  /** Unlocks, and returns the passphrase, for commands that must prove it again (key rotation, a new passphrase, a backup). */
  async unlockWithPassphrase(): Promise<string> {
    await this.unlock();
    return this.passphrase();
  }

  /** A locked agent: on a terminal, offer to unlock it; in a script, say so (a passphrase in the environment does not undo a lock). */
  async #unlockAgent(): Promise<void> {
    if (!process.stdin.isTTY || !process.stderr.isTTY) throw new CommandFailure(lockedAgent);
    this.#passphrase = await promptHidden('The Keywarden agent is locked. Passphrase to unlock it (Ctrl-C to cancel): ');
    await this.call('vault.unlock', { method: 'passphrase', passphrase: this.#passphrase });
  }

  /** A new passphrase: KEYWARDEN_NEW_PASSPHRASE (or KEYWARDEN_PASSPHRASE at init), else asked twice. */
  async newPassphrase(envName: 'KEYWARDEN_NEW_PASSPHRASE' | 'KEYWARDEN_PASSPHRASE'): Promise<string> {
    const fromEnv = this.#takeFromEnv(envName);
    if (fromEnv) {
      // At init the same variable is the passphrase for the rest of this invocation.
      if (envName === 'KEYWARDEN_PASSPHRASE') this.#passphrase ??= fromEnv;
      return fromEnv;
    }
    const first = await promptHidden('New passphrase (10+ characters; if you forget it, your keys are gone): ');
    const second = await promptHidden('Repeat the new passphrase: ');
    if (first !== second) throw new KeywardenError('INVALID_INPUT', 'The two passphrases differ. Nothing was changed.');
    return first;
  }

  /** Synchronous, so the vault is closed when this returns (`run` closes it before the program starts). */
  close(): void {
    this.#opened?.close();
    // A connection that failed was refused already (the command reported it); nothing is left to close.
    void this.#agent?.then((agent) => agent?.close(), () => undefined);
  }
}
