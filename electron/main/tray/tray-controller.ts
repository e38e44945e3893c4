/**
 * Keeps the system tray in step with the core: reads plain facts through the contract (actor "tray"),
 * derives a TrayState, and shows its icon, tooltip and menu. Menu actions go through `invokeChannel`
 * like every other caller. Electron's Tray, Menu, Notification and images come in through `TrayUi`.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Core } from '../../core/app';
import type { CredentialInfo } from '../../core/credentials/credential-schema';
import type { VaultStatus } from '../../core/vault/vault-schema';
import { channelNames, contractEventNames, type ContractResult } from '../../ipc/contract';
import { invokeChannel } from '../../ipc/handlers';
import type { MainLogger } from '../logger';
import { TRADING_CHANNELS, TradingStatusOutput, VERIFY_ALL_CHANNEL, VerifyAllOutput, contractHasChannel } from './optional-channels';
import { buildTrayMenu, type TrayAction, type TrayMenuItem } from './tray-menu';
import { trayTooltip } from './tray-icon';
import { deriveTrayState, type TrayHealth, type TrayState, type VaultView, type VerificationView } from './tray-state';
import { verificationNotice } from './verification-notice';

/** Electron's side of the tray, created in main.ts. */
export interface TrayUi {
  setIcon(health: TrayHealth): void;
  setToolTip(text: string): void;
  setMenu(template: MenuItemConstructorOptions[]): void;
  notify(title: string, body: string): void;
  destroy(): void;
}

export interface TrayControllerOptions {
  readonly core: Core;
  readonly ui: TrayUi;
  readonly openWindow: () => void;
  readonly quit: () => void;
  readonly logger: MainLogger;
  /** One line on what protects the vault key, for the tooltip. */
  readonly keyProtection?: () => Promise<string | undefined>;
  /** The contract's channels; tests pass a list with the channels still being built elsewhere. */
  readonly channels?: readonly string[];
}

/**
 * Events after which the key list may have changed. Other events (orders, webhook alerts) refresh only
 * the trading state: listing keys counts as vault activity, and automatic traffic must not keep an
 * idle vault unlocked.
 */
const credentialEvents: ReadonlySet<string> = new Set(['vault.unlocked', 'vault.locked', 'vault.keyRotated', 'credentials.changed']);

export class TrayController {
  readonly #options: TrayControllerOptions;
  readonly #channels: readonly string[];
  readonly #stopListening: Array<() => void> = [];
  #vault: VaultView = 'locked';
  #credentials: readonly CredentialInfo[] = [];
  #verification: VerificationView = { status: 'idle' };
  readonly #checkedInRun = new Set<string>();
  #paused = false;
  #keyProtection: string | undefined;
  #state: TrayState;
  #queue: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(options: TrayControllerOptions) {
    this.#options = options;
    this.#channels = options.channels ?? channelNames;
    this.#state = this.#derive();
    for (const name of contractEventNames) {
      this.#stopListening.push(options.core.events.on(name, () => {
        if (name === 'vault.locked') this.#verification = { status: 'idle' };
        void this.refresh(credentialEvents.has(name) ? 'all' : 'trading');
      }));
    }
    // A run's keys are stored one by one as their exchanges answer: count them for the menu.
    this.#stopListening.push(options.core.events.on('credentials.changed', ({ id, change }) => {
      if (change !== 'verified' || this.#verification.status !== 'running') return;
      this.#checkedInRun.add(id);
      this.#verification = { ...this.#verification, done: this.#checkedInRun.size };
    }));
  }

  get state(): TrayState {
    return this.#state;
  }

  /** Re-reads the facts and redraws. Refreshes run one at a time, in order. */
  refresh(scope: 'all' | 'trading' = 'all'): Promise<void> {
    this.#queue = this.#queue.then(() => this.#refresh(scope)).catch(() => this.#options.logger.warn('the tray could not refresh'));
    return this.#queue;
  }

  /** Runs one menu action. */
  async run(action: TrayAction): Promise<void> {
    switch (action) {
      case 'verify-all': return this.#verifyAll();
      case 'pause-trading': return this.#setTradingPaused(true);
      case 'resume-trading': return this.#setTradingPaused(false);
      case 'lock-vault':
        await this.#call('vault.lock', {});
        return this.refresh();
      case 'open-window': return this.#options.openWindow();
      case 'quit': return this.#options.quit();
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#stopListening.splice(0).forEach((stop) => stop());
    this.#options.ui.destroy();
  }

  async #refresh(scope: 'all' | 'trading'): Promise<void> {
    if (this.#stopped) return;
    if (scope === 'all') {
      const status = await this.#call('vault.status', {});
      if (status.ok) {
        const vault = status.value as VaultStatus;
        this.#vault = !vault.initialized ? 'none' : vault.locked ? 'locked' : 'unlocked';
      }
      this.#credentials = [];
      if (this.#vault === 'unlocked') {
        const list = await this.#call('credentials.list', {});
        if (list.ok) this.#credentials = list.value as CredentialInfo[];
      }
      this.#keyProtection = await this.#options.keyProtection?.();
    }
    if (this.#hasChannel(TRADING_CHANNELS.status)) {
      const trading = await this.#call(TRADING_CHANNELS.status, {});
      const parsed = trading.ok ? TradingStatusOutput.safeParse(trading.value) : undefined;
      if (parsed?.success) this.#paused = parsed.data.paused;
    }
    this.#render();
  }

  async #verifyAll(): Promise<void> {
    if (this.#verification.status === 'running') return;
    this.#checkedInRun.clear();
    this.#verification = { status: 'running', total: this.#credentials.length, done: 0 };
    this.#render();
    const result = await this.#call(VERIFY_ALL_CHANNEL, {});
    if (!result.ok) {
      // A channel that does not exist yet answers INVALID_INPUT: say so plainly, invent nothing.
      const missing = result.error.code === 'INVALID_INPUT' && !this.#hasChannel(VERIFY_ALL_CHANNEL);
      this.#verification = { status: 'failed', note: missing ? 'Verification is not available in this version.' : result.error.message };
    } else {
      const parsed = VerifyAllOutput.safeParse(result.value);
      if (parsed.success) {
        this.#verification = { status: 'done', results: parsed.data };
        const notice = verificationNotice(parsed.data);
        this.#options.ui.notify(notice.title, notice.body);
      } else {
        this.#verification = { status: 'failed', note: 'Verification answered in a form this version does not understand.' };
      }
    }
    await this.refresh();
  }

  async #setTradingPaused(paused: boolean): Promise<void> {
    const result = await this.#call(paused ? TRADING_CHANNELS.pause : TRADING_CHANNELS.resume, {});
    if (result.ok) this.#paused = paused;
    else this.#options.ui.notify(`Keywarden: could not ${paused ? 'pause' : 'resume'} webhook trading`, result.error.message);
    await this.refresh('trading');
  }

  #call(name: string, input: unknown): Promise<ContractResult<unknown>> {
    return invokeChannel(this.#options.core, name, input, { actor: 'tray' });
  }

  #hasChannel(name: string): boolean {
    return contractHasChannel(name, this.#channels);
  }

  #derive(): TrayState {
    return deriveTrayState({
      vault: this.#vault,
      credentials: this.#credentials,
      verifyAvailable: this.#hasChannel(VERIFY_ALL_CHANNEL),
      verification: this.#verification,
      trading: { available: this.#hasChannel(TRADING_CHANNELS.pause) && this.#hasChannel(TRADING_CHANNELS.resume), paused: this.#paused },
      now: this.#options.core.clock.now(),
    });
  }

  #render(): void {
    if (this.#stopped) return;
    this.#state = this.#derive();
    const { ui } = this.#options;
    ui.setIcon(this.#state.health);
    ui.setToolTip(trayTooltip(this.#state, this.#keyProtection));
    ui.setMenu(buildTrayMenu(this.#state).map((item) => this.#toElectron(item)));
  }

  #toElectron(item: TrayMenuItem): MenuItemConstructorOptions {
    switch (item.kind) {
      case 'separator': return { type: 'separator' };
      case 'info': return { label: item.label, enabled: false };
      case 'action': return {
        label: item.label,
        enabled: item.enabled,
        click: () => {
          this.run(item.action).catch(() => this.#options.logger.warn(`tray action ${item.action} failed`));
        },
      };
    }
  }
}
