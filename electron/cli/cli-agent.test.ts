/**
 * The agent end to end: `keywarden agent` in a temp data folder serving the bundled CLI over its real
 * socket, against the offline fake exchange; lock, unlock --for, stop; a stale socket, a second agent,
 * and bad lines on the socket.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../testing/fake-exchange';
import { keywardenCli } from '../testing/cli-runner';
import { TEST_PASSPHRASE, filesContaining, makeTempHome } from '../testing/test-core';
import { provenConnection, startAgentProcess, type AgentProcess } from './cli-agent-test-kit';

describe('keywarden agent', () => {
  const temp = makeTempHome('kw-agent-');
  const socket = path.join(temp.home, 'agent.sock');
  const printed: string[] = [];
  const key = makeBinanceHmacKey();
  let binance: FakeExchange;
  let env: Record<string, string>;
  const run = (args: string[], extra: Record<string, string | undefined> = {}) => keywardenCli(temp.home, args, { env: { ...env, ...extra } }, printed);
  let agent: AgentProcess | undefined;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    env = { KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: binance.url }) };
    expect((await run(['init'])).code).toBe(0);
    expect((await keywardenCli(temp.home, ['add', 'binance', '--label', 'main'], { env, stdin: JSON.stringify(key) })).code).toBe(0);
  });
  afterEach(async () => {
    if (agent) printed.push(agent.printed());
    await agent?.stop();
    agent = undefined;
  });
  afterAll(async () => {
    // No passphrase in anything printed, nor in any file of the data folder.
    expect(printed.join('\n')).not.toContain(TEST_PASSPHRASE);
    expect(filesContaining(temp.home, TEST_PASSPHRASE)).toEqual([]);
    await binance.stop();
    temp.cleanup();
  });

  it('serves list, verify and trade --paper with the same output and exit codes as without it', async () => {
    // Two copies of one data folder: the same commands run in one without an agent, in the other through one.
    const twin = makeTempHome('kw-agent-twin-');
    cpSync(temp.home, twin.home, { recursive: true });
    const commands = [['list'], ['verify', 'main'], ['--json', 'list'], ['trade', 'main', 'BTC/USDT', 'buy', '0.0001', '--paper'], ['--json', 'show', 'main'], ['show', 'nothing-here']];
    const scrub = (text: string) =>
      text
        .replace(/\d{4}-\d\d-\d\d[T ][\d:.]+Z?/g, '<time>')
        .replace(/\b1\d{12}\b/g, '<ms>')
        .replace(/\bo[a-z0-9]{11}\b/g, '<order>')
        .replace(/kw-[A-Za-z0-9]{28}/g, '<client id>');
    const without = [];
    for (const args of commands) without.push(await run(args));
    agent = await startAgentProcess(twin.home, [], env);
    const withAgent = [];
    // No passphrase: the agent holds the unlocked vault.
    for (const args of commands) withAgent.push(await keywardenCli(twin.home, args, { env: { ...env, KEYWARDEN_PASSPHRASE: undefined } }, printed));
    expect(withAgent.map((r) => [r.code, scrub(r.stdout), scrub(r.stderr)])).toEqual(without.map((r) => [r.code, scrub(r.stdout), scrub(r.stderr)]));
    expect(without[3]!.stdout).toContain('[paper]');

    const status = await keywardenCli(twin.home, ['status'], { env: { KEYWARDEN_PASSPHRASE: undefined } });
    expect(status.stdout).toContain(`Agent: running (pid ${agent.pid}`);
    expect(status.stdout).toContain('this command used it');
    expect((await run(['status'])).stdout).toContain('Agent: not running (this command opened the vault itself).');
    printed.push(agent.printed());
    expect(await agent.stop()).toBe(0);
    expect(filesContaining(twin.home, TEST_PASSPHRASE)).toEqual([]);
    twin.cleanup();
  });

  it('lock: the agent keeps running but refuses until unlocked through the socket', async () => {
    agent = await startAgentProcess(temp.home, [], env);
    const locked = await run(['lock']);
    expect(locked.code, locked.stderr).toBe(0);
    expect(locked.stdout).toContain(`The agent (pid ${agent.pid}) is locked`);
    const refused = await run(['list']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe('keywarden: The Keywarden agent is locked: run keywarden unlock [VAULT_LOCKED]');
    const json = await run(['--json', 'list']);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'VAULT_LOCKED' } });
    expect((await run(['status'])).stdout).toMatch(/Agent: running \(pid \d+.*locked; this command used it/);
    const unlocked = await run(['unlock']);
    expect(unlocked.code, unlocked.stderr).toBe(0);
    expect((await run(['list'], { KEYWARDEN_PASSPHRASE: undefined })).code).toBe(0);
    const stopped = await run(['agent', 'stop']);
    expect(stopped.stdout).toContain(`Stopped the agent (pid ${agent.pid})`);
    expect(await agent.exited).toBe(0);
    expect((await run(['status'])).stdout).toContain('Agent: not running');
  });

  it('replaces a stale socket file, and refuses a second agent for the same folder', async () => {
    // A listener killed outright (a crash) leaves its socket file behind, refusing connections.
    const crashed = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socket)}, () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((resolve) => crashed.stdout.once('data', resolve));
    const gone = new Promise((resolve) => crashed.once('exit', resolve));
    crashed.kill('SIGKILL');
    await gone;
    expect(existsSync(socket)).toBe(true);
    expect((await run(['status'])).stdout).toContain('Agent: not running');
    agent = await startAgentProcess(temp.home, [], env);
    const second = await run(['agent']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`An agent is already running for this data folder (pid ${agent.pid})`);
    expect(second.stderr).toContain('[AGENT_ALREADY_RUNNING]');
  });

  it('answers a malformed or oversize line with INVALID_INPUT and closes the connection', async () => {
    agent = await startAgentProcess(temp.home, [], env);
    const exchange = async (payload: string) => {
      const connection = await provenConnection(temp.home);
      connection.write(payload);
      return connection.closed();
    };
    const malformed = JSON.parse(await exchange('{"id": 7, "channel": 5}\n')) as { id: number; result: { ok: boolean; error: { code: string } } };
    expect(malformed).toMatchObject({ id: 7, result: { ok: false, error: { code: 'INVALID_INPUT' } } });
    expect(JSON.parse(await exchange('not json\n'))).toMatchObject({ id: null, result: { error: { code: 'INVALID_INPUT' } } });
    const oversize = await exchange(`{"id": 1, "channel": "credentials.list", "input": "${'x'.repeat(1024 * 1024 + 10)}"`);
    expect(JSON.parse(oversize)).toMatchObject({ id: null, result: { ok: false, error: { code: 'INVALID_INPUT', message: 'The request is larger than 1 MiB.' } } });
    // A well-formed request for something that is not a channel is answered, and the connection stays.
    const connection = await provenConnection(temp.home);
    connection.write('{"id":3,"channel":"nope","input":{}}\n{"id":4,"channel":"vault.status","input":{}}\n');
    expect(JSON.parse(await connection.nextLine())).toMatchObject({ id: 3, result: { ok: false, error: { code: 'INVALID_INPUT', message: 'There is no operation called "nope".' } } });
    expect(JSON.parse(await connection.nextLine())).toMatchObject({ id: 4, result: { ok: true, value: { initialized: true } } });
    connection.close();
  });

  it('unlock --for starts a background agent fed through a pipe, which locks and exits when the time is up', async () => {
    const started = await run(['unlock', '--for', '3s']);
    expect(started.code, started.stderr).toBe(0);
    const pid = Number(/pid (\d+)/.exec(started.stdout)?.[1]);
    expect(started.stdout).toContain('unlocked until');
    // The passphrase went through stdin: not in the agent's arguments.
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(argv).toContain('--for');
    expect(argv.join(' ')).not.toContain(TEST_PASSPHRASE);
    expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).not.toContain(TEST_PASSPHRASE);
    expect((await run(['list'], { KEYWARDEN_PASSPHRASE: undefined })).code).toBe(0);
    await waitForExit(pid);
    expect((await run(['status'])).stdout).toContain('Agent: not running');
  });
});

/** The background agent is not our child: watch its /proc entry until it is gone. */
async function waitForExit(pid: number): Promise<void> {
  for (;;) {
    let state: string;
    try {
      state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] ?? '';
    } catch {
      return;
    }
    if (state === 'Z') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
