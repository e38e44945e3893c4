/**
 * One run of a tunnel client: spawned without a shell (arguments as an array) in a minimal
 * environment, its stdout and stderr read line by line for the public URL. It reports the URL, the
 * last line it printed (for a failure's message) and its exit; restarting is the supervisor's job.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TunnelToolSpec } from './tunnel-tools';

/** What a tunnel client needs from the environment: where it finds its own config and login, nothing else (no Keywarden variable). */
const PASSED_ENV = ['PATH', 'Path', 'PATHEXT', 'HOME', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'SYSTEMROOT', 'SystemRoot', 'TMPDIR', 'TEMP', 'TMP', 'XDG_CONFIG_HOME', 'LANG'] as const;

export interface TunnelProcessEvents {
  url(url: string): void;
  exit(reason: string): void;
}

export class TunnelProcess {
  readonly #child: ChildProcess;
  #lastLine = '';
  #exited = false;
  readonly #exit: Promise<void>;

  constructor(executable: string, spec: TunnelToolSpec, port: number, events: TunnelProcessEvents) {
    this.#child = spawn(executable, spec.args(port), { env: minimalEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true, shell: false });
    for (const stream of [this.#child.stdout, this.#child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        const url = spec.publicUrl(line);
        if (url) events.url(url);
        else if (line.trim()) this.#lastLine = printable(line);
      });
    }
    this.#exit = new Promise((resolve) => {
      const done = (reason: string) => {
        if (this.#exited) return;
        this.#exited = true;
        events.exit(reason);
        resolve();
      };
      this.#child.once('error', (error: NodeJS.ErrnoException) => done(`${spec.command} could not be started (${error.code ?? error.message}).`));
      this.#child.once('exit', (code, signal) => done(`${spec.command} stopped (${signal ?? `exit code ${String(code)}`})${this.#lastLine ? `: ${this.#lastLine}` : '.'}`));
    });
  }

  /** Asks it to stop (SIGTERM), then kills it if it has not within `graceMs`. Resolves once it exited. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.#exited) return;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    await this.#exit;
    clearTimeout(timer);
  }

  /** For a synchronous shutdown (the app quits). */
  kill(): void {
    if (!this.#exited) this.#child.kill('SIGKILL');
  }
}

function minimalEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of PASSED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}

/** One printed line as a failure message: printable characters, bounded, and no URL path (a path could hold a token). */
function printable(line: string): string {
  return line.replace(/[^\x20-\x7e]/g, '?').replace(/(https?:\/\/[^/\s]+)\/\S*/g, '$1/…').trim().slice(0, 200);
}
