/**
 * Runs the chosen tunnel client while the listener runs: starts it on the listener's port, reads the
 * public URL it reports, restarts it with a bounded backoff when it exits, and stops it with the
 * listener. Every start, stop, failure and restart is emitted (`webhook.tunnel`) and audited, so the
 * window shows the live URL and the record says when it changed.
 */
import { appendAudit } from '../../audit/audit-log';
import type { Clock } from '../../clock';
import type { CoreEvents } from '../../events';
import type { OpenedDatabase } from '../../store/database';
import { findOnPath } from './tunnel-detect';
import { TunnelProcess } from './tunnel-process';
import type { TunnelChoice, TunnelState, TunnelStatus, TunnelTool, TunnelToolInfo } from './tunnel-schema';
import { tunnelTools } from './tunnel-tools';

/** Restarts in a row (without reaching a URL in between) before the tunnel is marked failed. */
const MAX_RESTARTS_IN_A_ROW = 5;
const MAX_BACKOFF_MS = 30_000;

export interface TunnelServiceOptions {
  readonly database: OpenedDatabase;
  readonly clock: Clock;
  readonly events: CoreEvents;
  /** The first restart's delay; doubled each time up to 30 s (tests shorten it). */
  readonly backoffMs?: number;
  readonly platform?: NodeJS.Platform;
}

type Running = { readonly tool: TunnelTool; readonly port: number; process: TunnelProcess | undefined; timer: NodeJS.Timeout | undefined; inARow: number };

export class TunnelService {
  readonly #options: TunnelServiceOptions;
  readonly #backoffMs: number;
  #choice: TunnelChoice = 'none';
  #state: TunnelState = 'off';
  #publicUrl: string | null = null;
  #restarts = 0;
  #lastError: string | null = null;
  #running: Running | undefined;

  constructor(options: TunnelServiceOptions) {
    this.#options = options;
    this.#backoffMs = options.backoffMs ?? 1000;
  }


  /** Each tool, whether it is installed here, and how to install it on this OS. */
  tools(): TunnelToolInfo[] {
    const platform = this.#platform();
    return Object.values(tunnelTools).map((spec) => ({
      tool: spec.tool,
      name: spec.name,
      installed: findOnPath(spec.command, process.env, platform) !== null,
      installHint: spec.installHint(platform),
      needsAccount: spec.needsAccount,
    }));
  }

  status(): TunnelStatus {
    const hint = this.#state === 'not-installed' && this.#choice !== 'none' ? tunnelTools[this.#choice].installHint(this.#platform()) : null;
    return {
      choice: this.#choice,
      state: this.#state,
      publicUrl: this.#publicUrl,
      webhookUrlPrefix: this.#publicUrl ? `${this.#publicUrl}/webhook/` : null,
      restarts: this.#restarts,
      lastError: this.#lastError,
      installHint: hint,
    };
  }

  /** The tool whose header names the sender: only while its process runs and has reported its URL. */
  runningTool(): TunnelTool | null {
    return this.#state === 'running' && this.#running ? this.#running.tool : null;
  }

  /** The live public base URL, or null. */
  publicUrl(): string | null {
    return this.#publicUrl;
  }

  /** Runs `choice` for the listener on `port` (`port` undefined: the listener is not running, so nothing runs). */
  async follow(choice: TunnelChoice, port: number | undefined): Promise<TunnelStatus> {
    this.#choice = choice;
    const wanted = choice !== 'none' && port !== undefined ? { tool: choice, port } : undefined;
    if (this.#running && wanted && this.#running.tool === wanted.tool && this.#running.port === wanted.port) return this.status();
    await this.stop();
    if (!wanted) return this.status();
    this.#restarts = 0;
    this.#lastError = null;
    this.#running = { ...wanted, process: undefined, timer: undefined, inARow: 0 };
    this.#launch(this.#running);
    return this.status();
  }

  /** Stops the tunnel (the listener stopped, or the choice changed). */
  async stop(): Promise<void> {
    const running = this.#running;
    if (!running) return;
    this.#running = undefined;
    clearTimeout(running.timer);
    await running.process?.stop();
    this.#publicUrl = null;
    if (this.#state !== 'not-installed') this.#set('off', { action: 'stopped', tool: running.tool, outcome: 'ok', message: `${running.tool} stopped with the listener.` });
  }

  /** Synchronous stop for the core's close(). */
  stopNow(): void {
    const running = this.#running;
    this.#running = undefined;
    if (!running) return;
    clearTimeout(running.timer);
    running.process?.kill();
    this.#publicUrl = null;
    this.#state = 'off';
  }

  #launch(running: Running): void {
    const spec = tunnelTools[running.tool];
    const executable = findOnPath(spec.command, process.env, this.#platform());
    if (!executable) {
      this.#running = undefined;
      this.#lastError = `${spec.name} is not installed (no ${spec.command} on PATH). ${spec.installHint(this.#platform())}`;
      this.#set('not-installed', { action: 'failed', tool: running.tool, outcome: 'error', message: this.#lastError });
      return;
    }
    this.#set(this.#restarts > 0 ? 'restarting' : 'starting', null);
    running.process = new TunnelProcess(executable, spec, running.port, {
      url: (url) => {
        if (this.#running !== running) return;
        running.inARow = 0;
        const changed = url !== this.#publicUrl;
        this.#publicUrl = url;
        if (changed || this.#state !== 'running') this.#set('running', { action: this.#restarts > 0 ? 'restarted' : 'started', tool: running.tool, outcome: 'ok', message: `${spec.name} is up at ${url}.`, url });
      },
      exit: (reason) => {
        if (this.#running !== running) return;
        running.process = undefined;
        this.#publicUrl = null;
        this.#lastError = reason;
        if (running.inARow >= MAX_RESTARTS_IN_A_ROW) {
          this.#running = undefined;
          this.#set('failed', { action: 'failed', tool: running.tool, outcome: 'error', message: `${reason} Gave up after ${MAX_RESTARTS_IN_A_ROW} restarts in a row.` });
          return;
        }
        const delay = Math.min(this.#backoffMs * 2 ** running.inARow, MAX_BACKOFF_MS);
        running.inARow += 1;
        this.#restarts += 1;
        this.#set('restarting', { action: 'exited', tool: running.tool, outcome: 'error', message: `${reason} Restarting in ${Math.round(delay / 100) / 10} s.` });
        running.timer = setTimeout(() => {
          if (this.#running === running) this.#launch(running);
        }, delay);
      },
    });
  }

  /** Changes the state; a record (event + audit row) when something happened that a person should see. */
  #set(state: TunnelState, record: { action: string; tool: TunnelTool; outcome: 'ok' | 'error'; message: string; url?: string } | null): void {
    this.#state = state;
    if (!record) return;
    const { database, clock, events } = this.#options;
    try {
      database.db.transaction((tx) => appendAudit(tx, clock, {
        actor: 'system',
        action: `webhook.tunnel.${record.action}`,
        subject: record.tool,
        outcome: record.outcome,
        details: { state, url: record.url ?? null, restarts: this.#restarts, message: record.message },
      }), { behavior: 'immediate' });
    } catch {
      // A busy or closed database must not stop the tunnel; the event below still tells the window.
    }
    events.emit('webhook.tunnel', { tool: record.tool, state, publicUrl: this.#publicUrl, restarts: this.#restarts, message: record.message });
  }

  #platform(): NodeJS.Platform {
    return this.#options.platform ?? process.platform;
  }
}
