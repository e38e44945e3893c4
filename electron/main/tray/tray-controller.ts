/**
 * Keeps the system tray in step with the core: reads plain facts through the contract (as "system": a refresh is not a person),
 * derives a TrayState, and shows its icon, tooltip and menu. Menu actions (actor "tray") go through `invokeChannel`
 * like every other caller. Electron's Tray, Menu, Notification and images come in through `TrayUi`.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Core } from '../../api/core-host';
import type { CredentialInfo, VaultStatus } from '../../api/contract-schemas';
import { IntegrityAlarm, IntegrityStatus } from '../../api/contract-schemas';
import { channelNames, contractEventNames, type ContractResult } from '../../api/contract';
import { invokeChannel } from '../../api/handlers';
import type { MainLogger } from '../logger';
import { DRIFT_CHANNEL, DriftListOutput, LISTENER_WATCH_CHANNEL, ListenerWatchOutput, TRADING_CHANNELS, TradingStatusOutput, VERIFY_ALL_CHANNEL, VerifyAllOutput, contractHasChannel } from './optional-channels';
import { integrityNotice } from './integrity-notice';
import { buildTrayMenu, type TrayAction, type TrayMenuItem } from './tray-menu';
import { trayTooltip } from './tray-icon';
import { deriveTrayState, type DriftConcern, type TrayHealth, type TrayState, type VaultView, type VerificationView } from './tray-state';
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
  /** While an integrity alarm is shown, how often to check whether its row was saved again (no event says so). */
  readonly integrityRecheckMs?: number;
}

const DEFAULT_INTEGRITY_RECHECK_MS = 15_000;

/**
 * Events after which the key list may have changed. Other events (orders, webhook alerts) refresh only
 * the trading state: listing keys counts as vault activity, and automatic traffic must not keep an
 * idle vault unlocked.
 */
const credentialEvents: ReadonlySet<string> = new Set(['vault.unlocked', 'vault.locked', 'vault.keyRotated', 'credentials.changed']);

/**
 * The core says when an alarm is raised, not when one clears: a full check clears it, and that runs
 * at unlock, when trading resumes (refused while a row still fails), and when `integrity.status` is
 * called. So the tray asks `integrity.status` again after the events that can follow a clean-up (a
 * key deleted or revoked, trading paused or resumed) besides the key-list events, and, while an alarm
 * is shown, on a timer (saving limits, a source or a setting emits no event).
 */
const integrityEvents: ReadonlySet<string> = new Set(['trading.paused', 'integrity.cleared']);

type RefreshScope = 'all' | 'integrity' | 'trading';

export class TrayController {
  readonly #options: TrayControllerOptions;
  readonly #channels: readonly string[];
  readonly #stopListening: Array<() => void> = [];
  #vault: VaultView = 'locked';
  #credentials: readonly CredentialInfo[] = [];
  #integrityAlarms: readonly IntegrityAlarm[] = [];
  /** Alarms raised since the last notification: the core raises each row's alarm once, several in a row. */
  readonly #unnotifiedAlarms: IntegrityAlarm[] = [];
  #verification: VerificationView = { status: 'idle' };
  readonly #checkedInRun = new Set<string>();
  #paused = false;
  #alertsRefused = false;
  #drifts: readonly DriftConcern[] = [];
  #keyProtection: string | undefined;
  #state: TrayState;
  #queue: Promise<void> = Promise.resolve();
  #stopped = false;
  #integrityRecheck: ReturnType<typeof setInterval> | undefined;

  constructor(options: TrayControllerOptions) {
    this.#options = options;
    this.#channels = options.channels ?? channelNames;
    this.#state = this.#derive();
    for (const name of contractEventNames) {
      this.#stopListening.push(options.core.events.on(name, () => {
        if (name === 'vault.locked') this.#verification = { status: 'idle' };
        void this.refresh(credentialEvents.has(name) ? 'all' : integrityEvents.has(name) ? 'integrity' : 'trading');
      }));
    }
    this.#stopListening.push(options.core.events.on('integrity.alarm', (payload) => this.#onIntegrityAlarm(payload)));
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
  refresh(scope: RefreshScope = 'all'): Promise<void> {
    return this.#enqueue(() => this.#refresh(scope));
  }

  /** Runs one menu action. */
  async run(action: TrayAction): Promise<void> {
    switch (action) {
      case 'verify-all': return this.#verifyAll();
      case 'pause-trading': return this.#setTradingPaused(true);
      case 'resume-trading': return this.#setTradingPaused(false);
      case 'lock-vault':
        await this.#act('vault.lock', {});
        return this.refresh();
      case 'open-window': return this.#options.openWindow();
      case 'quit': return this.#options.quit();
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#syncIntegrityRecheck();
    this.#stopListening.splice(0).forEach((stop) => stop());
    this.#options.ui.destroy();
  }

  async #refresh(scope: RefreshScope): Promise<void> {
    if (this.#stopped) return;
    if (scope === 'all') {
      const status = await this.#read('vault.status');
      if (status.ok) {
        const vault = status.value as VaultStatus;
        this.#vault = !vault.initialized ? 'none' : vault.locked ? 'locked' : 'unlocked';
      }
      this.#credentials = [];
      if (this.#vault === 'unlocked') {
        const list = await this.#read('credentials.list');
        if (list.ok) this.#credentials = list.value as CredentialInfo[];
      }
      this.#keyProtection = await this.#options.keyProtection?.();
    }
    if (scope !== 'trading') await this.#refreshIntegrity();
    if (this.#hasChannel(TRADING_CHANNELS.status)) {
      const trading = await this.#read(TRADING_CHANNELS.status);
      const parsed = trading.ok ? TradingStatusOutput.safeParse(trading.value) : undefined;
      if (parsed?.success) this.#paused = parsed.data.paused;
    }
    this.#drifts = [];
    if (this.#vault === 'unlocked' && this.#hasChannel(DRIFT_CHANNEL)) {
      const drifts = await this.#read(DRIFT_CHANNEL);
      const parsed = drifts.ok ? DriftListOutput.safeParse(drifts.value) : undefined;
      if (parsed?.success) this.#drifts = parsed.data.filter((drift) => drift.status === 'open');
    }
    if (this.#hasChannel(LISTENER_WATCH_CHANNEL)) {
      const watch = await this.#read(LISTENER_WATCH_CHANNEL);
      const parsed = watch.ok ? ListenerWatchOutput.safeParse(watch.value) : undefined;
      if (parsed?.success) this.#alertsRefused = parsed.data.alertsRefusedWhileLocked;
    }
    this.#render();
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(task).catch(() => this.#options.logger.warn('the tray could not refresh'));
    return this.#queue;
  }

  /** Which rows fail their check now; checked only while unlocked (the check needs the vault's key). */
  async #refreshIntegrity(): Promise<void> {
    if (this.#vault !== 'unlocked') {
      this.#integrityAlarms = [];
      return;
    }
    const result = await this.#read('integrity.status');
    const parsed = result.ok ? IntegrityStatus.safeParse(result.value) : undefined;
    // A check that could not run clears nothing: an alarm stays shown until a check says the row is intact.
    if (parsed?.success) this.#integrityAlarms = parsed.data.alarms;
    else this.#options.logger.warn('the tray could not read the integrity status');
  }

  /** Shown at once (no call: the event says which row), and one notification for the rows raised together. */
  #onIntegrityAlarm(payload: unknown): void {
    const parsed = IntegrityAlarm.safeParse(payload);
    if (!parsed.success || this.#stopped) return;
    const alarm = parsed.data;
    if (!this.#integrityAlarms.some((known) => known.table === alarm.table && known.key === alarm.key)) {
      this.#integrityAlarms = [...this.#integrityAlarms, alarm];
    }
    this.#unnotifiedAlarms.push(alarm);
    if (this.#unnotifiedAlarms.length === 1) {
      // The guard emits one event per row in a loop: wait for the loop to finish, then notify once.
      queueMicrotask(() => {
        const alarms = this.#unnotifiedAlarms.splice(0);
        if (this.#stopped || alarms.length === 0) return;
        const notice = integrityNotice(alarms);
        this.#options.ui.notify(notice.title, notice.body);
      });
    }
    this.#render();
  }

  async #verifyAll(): Promise<void> {
    if (this.#verification.status === 'running') return;
    this.#checkedInRun.clear();
    this.#verification = { status: 'running', total: this.#credentials.length, done: 0 };
    this.#render();
    const result = await this.#act(VERIFY_ALL_CHANNEL, {});
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
    const result = await this.#act(paused ? TRADING_CHANNELS.pause : TRADING_CHANNELS.resume, {});
    if (result.ok) this.#paused = paused;
    else this.#options.ui.notify(`Keywarden: could not ${paused ? 'pause' : 'resume'} trading`, result.error.message);
    await this.refresh('trading');
  }

  /** A menu action: the person at the tray, which counts as activity where the channel says so. */
  #act(name: string, input: unknown): Promise<ContractResult<unknown>> {
    return invokeChannel(this.#options.core, name, input, { actor: 'tray' });
  }

  /**
   * A refresh the tray does by itself (on core events, timers): as the app itself, so it never keeps
   * an idle vault unlocked, whatever event (a webhook order) caused it.
   */
  #read(name: string): Promise<ContractResult<unknown>> {
    return invokeChannel(this.#options.core, name, {}, { actor: 'system' });
  }

  /** A timer runs exactly while an alarm is shown. */
  #syncIntegrityRecheck(): void {
    const wanted = !this.#stopped && this.#state.integrityAlarms.length > 0;
    if (wanted && !this.#integrityRecheck) {
      this.#integrityRecheck = setInterval(() => {
        void this.#enqueue(async () => {
          if (this.#stopped) return;
          await this.#refreshIntegrity();
          this.#render();
        });
      }, this.#options.integrityRecheckMs ?? DEFAULT_INTEGRITY_RECHECK_MS);
      this.#integrityRecheck.unref?.();
    } else if (!wanted && this.#integrityRecheck) {
      clearInterval(this.#integrityRecheck);
      this.#integrityRecheck = undefined;
    }
  }

  #hasChannel(name: string): boolean {
    return contractHasChannel(name, this.#channels);
  }

  #derive(): TrayState {
    return deriveTrayState({
      vault: this.#vault,
      credentials: this.#credentials,
      integrityAlarms: this.#integrityAlarms,
      verifyAvailable: this.#hasChannel(VERIFY_ALL_CHANNEL),
      verification: this.#verification,
      trading: { available: this.#hasChannel(TRADING_CHANNELS.pause) && this.#hasChannel(TRADING_CHANNELS.resume), paused: this.#paused },
      alertsRefusedWhileLocked: this.#alertsRefused,
      drifts: this.#drifts,
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
    this.#syncIntegrityRecheck();
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
