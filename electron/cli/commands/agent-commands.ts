/**
 * The agent from the terminal: `keywarden agent` (hold the unlocked vault in the foreground and serve
 * it on the data folder's socket), `agent stop`, `unlock [--for]` (unlock a locked agent, or start one
 * in the background) and `lock`. Every other command uses a running agent by itself (cli-session.ts).
 */
import type { Command } from 'commander';
import { KeywardenError } from '../../api/errors';
import type { AgentInfo } from '../../api/agent-socket/protocol';
import { AgentClient } from '../../api/agent-socket/agent-client';
import { assertAgentCanStart } from '../../api/agent-socket/socket-path';
import type { CliSession } from '../cli-session';
import type { CommandResult, Run } from '../command-runner';
import { readPassphraseFile } from '../passphrase-file';
import { readStdin } from '../terminal-input';
import { startBackgroundAgent } from './agent-background';

const units: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** A week: an unattended unlocked vault should not outlive that, and timers cap near 24 days anyway. */
const MAX_DURATION_MS = 7 * units['d']!;

/** `30s`, `15m`, `8h`, `1d`: how long `--for` keeps the agent unlocked and running. */
export function parseDuration(text: string): number {
  const match = /^(\d{1,6})([smhd])$/.exec(text.trim());
  const ms = match?.[1] && match[2] ? Number(match[1]) * units[match[2]]! : Number.NaN;
  if (!(ms > 0) || ms > MAX_DURATION_MS) throw new KeywardenError('INVALID_INPUT', '--for must be a duration such as 30s, 15m, 8h or 1d (at most 7d).');
  return ms;
}

/** The agent line of `keywarden status`, and whether this very command went through the agent. */
export async function describeAgent(session: CliSession): Promise<{ json: Record<string, unknown>; text: string }> {
  const info = await session.agentInfo();
  if (!info) return { json: { running: false, usedByThisCommand: false }, text: 'Agent: not running (this command opened the vault itself).' };
  return { json: { running: true, ...info, usedByThisCommand: true }, text: `Agent: running (${agentFacts(info)}; this command used it).` };
}

function agentFacts(info: AgentInfo): string {
  const host = info.host === 'desktop' ? 'the desktop app' : `pid ${info.pid}`;
  return `${host}, since ${info.since}, ${info.until ? `until ${info.until}` : 'no time limit'}, ${info.locked ? 'locked' : 'unlocked'}`;
}

export function registerAgentCommands(program: Command, run: Run, print: (text: string) => void): void {
  const agent = program
    .command('agent')
    .description('hold the unlocked vault in the foreground and serve it to other keywarden commands on <data folder>/agent.sock; Ctrl-C stops it')
    .option('--for <duration>', 'lock and stop after this long (30s, 15m, 8h, 1d)')
    .option('--passphrase-file <path>', 'read the vault passphrase from this owner-only (chmod 600) file instead of KEYWARDEN_PASSPHRASE')
    .option('--passphrase-stdin', 'read the vault passphrase from standard input (used by unlock --for)')
    .action(run(async (session, options: { for?: string; passphraseFile?: string; passphraseStdin?: boolean }) => serveAgent(session, { ...options, json: Boolean(program.opts<{ json?: boolean }>().json) }, print)));

  agent
    .command('stop')
    .description('stop the running agent (its vault is locked)')
    .action(run(async (session) => {
      const info = await session.agentInfo();
      if (!info || !(await session.stopAgent())) return { json: { stopped: false, running: false }, text: 'No agent is running for this data folder.' };
      await untilSocketSilent(session.home);
      return { json: { stopped: true, pid: info.pid }, text: `Stopped the agent (pid ${info.pid}); the vault it held is locked.` };
    }));

  program
    .command('unlock')
    .description('unlock the running agent, or with --for start one in the background that stays unlocked that long')
    .option('--for <duration>', 'start an agent that locks and stops after this long (30s, 15m, 8h, 1d)')
    .option('--passphrase-file <path>', 'read the vault passphrase from this owner-only (chmod 600) file instead of KEYWARDEN_PASSPHRASE')
    .action(run(async (session, options: { for?: string; passphraseFile?: string }) => {
      if (options.for !== undefined) parseDuration(options.for);
      if (options.passphraseFile !== undefined) session.usePassphrase(readPassphraseFile(options.passphraseFile));
      const running = await session.agentInfo();
      if (running) {
        if (running.locked) await session.call('vault.unlock', { method: 'passphrase', passphrase: await session.passphrase() });
        const info = (await session.agentInfo()) ?? running;
        return { json: info, text: `The agent (${agentFacts(info)}) is unlocked.${options.for ? ' It was already running: --for applies only when an agent starts.' : ''}` };
      }
      if (options.for === undefined) throw new KeywardenError('AGENT_NOT_RUNNING', 'No agent is running for this data folder. Start one: keywarden unlock --for 8h (or keywarden agent in the foreground).');
      assertAgentCanStart(session.home);
      const passphrase = await session.passphrase();
      const info = await startBackgroundAgent(session.home, passphrase, options.for, process.env);
      return { json: info, text: `Keywarden agent started (pid ${info.pid}) for ${session.home}; unlocked until ${info.until}. Stop it sooner: keywarden agent stop` };
    }));

  program
    .command('lock')
    .description('lock the running agent (it keeps running, locked, until unlocked or stopped)')
    .action(run(async (session) => {
      const info = await session.agentInfo();
      if (!info) return { json: { locked: true, running: false }, text: 'No agent is running for this data folder; nothing is unlocked.' };
      await session.call('vault.lock', {});
      return { json: { locked: true, running: true, pid: info.pid }, text: `The agent (pid ${info.pid}) is locked; it keeps running. Unlock it with: keywarden unlock` };
    }));
}

async function serveAgent(session: CliSession, options: { for?: string; passphraseFile?: string; passphraseStdin?: boolean; json: boolean }, print: (text: string) => void): Promise<CommandResult> {
  const lifetime = options.for === undefined ? undefined : parseDuration(options.for);
  session.openVaultHere();
  // Before the vault opens: opening it makes the folder owner-only, which would hide a looser folder.
  assertAgentCanStart(session.home);
  if (options.passphraseFile !== undefined) session.usePassphrase(readPassphraseFile(options.passphraseFile));
  if (options.passphraseStdin) session.usePassphrase((await readStdin(4096)).replace(/\r?\n$/, ''));
  await session.unlock();
  const until = lifetime === undefined ? undefined : new Date(Date.now() + lifetime);
  let stopRequested: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (stopRequested = resolve));
  // The server (and with it every handler) loads only in the agent itself, not in its clients.
  const [{ startAgentServer }, { startRuntime }] = await Promise.all([import('../../api/agent-socket/agent-server'), import('../../api/core-host')]);
  const core = await session.core();
  const server = await startAgentServer({ core, dataFolder: session.home, host: 'cli', until, onStopRequested: () => stopRequested('agent stop') });
  const onSignal = (signal: NodeJS.Signals) => stopRequested(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const timer = lifetime === undefined ? undefined : setTimeout(() => stopRequested(`--for ${options.for} ran out`), lifetime);
  // On stdout: a background agent's stdout is /dev/null, while its stderr is a pipe its starter closes.
  const listening = { event: 'listening', pid: process.pid, socket: server.socketPath, until: until?.toISOString() ?? null };
  print(options.json ? JSON.stringify(listening) : `Keywarden agent (pid ${process.pid}) serving ${session.home} on ${server.socketPath}${until ? ` until ${until.toISOString()}` : ''}. Ctrl-C stops it.`);
  // As in the desktop app: keys re-verified on schedule, unconfirmed orders reconciled at each
  // unlock (this one included). No webhook listener: `keywarden serve` is the headless one.
  const runtime = await startRuntime(core, { listener: 'none', preloadExchanges: true, report: (report) => print(options.json ? JSON.stringify({ event: report.kind, ...report }) : `${new Date().toISOString()}  ${report.message}`) });
  // The desktop app's notifications, as lines (issue 19): failed orders, failed key checks, keys due.
  const { notifyFromCoreEvents, noticeLine } = await import('../../api/notifications/cli-notices');
  const notices = notifyFromCoreEvents({ core, show: (notice) => print(options.json ? JSON.stringify({ event: 'notice', ...notice }) : noticeLine(notice, Date.now())) });
  const reason = await stopped;
  notices.stop();
  clearTimeout(timer);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await server.close();
  await runtime.stop();
  await session.call('vault.lock', {});
  return { json: { event: 'stopped', reason }, text: `Agent stopped (${reason}); the vault is locked.` };
}

/** `agent stop` returns once the agent no longer answers, so the next command opens the vault itself. */
async function untilSocketSilent(home: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const client = await AgentClient.connect(home).catch(() => undefined);
    if (!client) return;
    client.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
