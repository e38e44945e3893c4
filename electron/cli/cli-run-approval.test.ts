/**
 * Issue 16, `keywarden run` while the desktop app is the agent: the program waits for a person to
 * allow it the key, and the CLI says so on stderr (the program's own output stays clean); Ctrl-C
 * while it waits withdraws the question from the window. The agent runs in-process as the desktop
 * app runs it (a real core that asks people, the real socket); the CLI is the bundled one, spawned.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../api/core-host';
import { startAgentServer, type AgentServer } from '../api/agent-socket/agent-server';
import type { ReleaseApprovalRequest } from '../core/credentials/key-release-schema';
import { makeBinanceHmacKey } from '../testing/fake-exchange';
import { TEST_PASSPHRASE, cliBundle, createTestCore, makeTempHome } from '../testing/test-core';

describe('keywarden run, asked in the desktop app', () => {
  const temp = makeTempHome('kw-run-ask-');
  const work = makeTempHome('kw-run-ask-work-');
  const bot = path.join(work.home, 'bot.js');
  const key = makeBinanceHmacKey();
  let core: Core;
  let server: AgentServer;
  const requests: ReleaseApprovalRequest[] = [];
  const ended: string[] = [];

  beforeAll(async () => {
    core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'system');
    const { id } = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'system');
    core.credentials.update({ ref: id, allowPrograms: true }, 'system');
    core.releaseApprovals.askPeople(true);
    core.events.on('release.approvalRequested', (request) => void requests.push(request));
    core.events.on('release.approvalEnded', ({ requestId }) => void ended.push(requestId));
    server = await startAgentServer({ core, dataFolder: temp.home, host: 'desktop', onStopRequested: () => undefined });
  });
  afterAll(async () => {
    await server.close();
    core.close();
    temp.cleanup();
    work.cleanup();
  });

  /** `keywarden run --env SECRET=… -- node <script file>`, without a passphrase (the agent is unlocked). */
  function startRun(script: string) {
    writeFileSync(bot, script);
    const env: NodeJS.ProcessEnv = { ...process.env, KEYWARDEN_HOME: temp.home };
    delete env['KEYWARDEN_PASSPHRASE'];
    const child = spawn(process.execPath, [cliBundle, 'run', '--env', 'SECRET=keywarden://Binance main/secret', '--', process.execPath, bot], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    return { child, output, exited };
  }

  it('says on stderr what it waits for, then runs the program once allowed', async () => {
    const run = startRun("console.log('length ' + process.env.SECRET.length)");
    await expect.poll(() => run.output.stderr, { timeout: 30_000 }).toContain('Waiting for you');
    expect(run.output.stderr).toBe(`keywarden: Waiting for you to allow \`node ${bot}\` to read 'Binance main' in the Keywarden window (up to 2 minutes; Ctrl-C to give up)…\n`);
    expect(run.output.stdout).toBe('');
    expect(requests).toHaveLength(1);
    core.releaseApprovals.answer(requests[0]!.requestId, 'session');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output.stdout).toBe(`length ${key.secret.length}\n`);
    expect(run.output.stderr).not.toContain(key.secret);
  });

  it('withdraws the question when the person gives up with Ctrl-C, and runs nothing', async () => {
    core.releaseApprovals.forget('Binance main', `node ${bot}`, 'system');
    core.vault.lock('user', 'system');
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'system');
    const before = requests.length;
    const run = startRun("console.log('ran')");
    await expect.poll(() => requests.length, { timeout: 30_000 }).toBe(before + 1);
    await expect.poll(() => run.output.stderr).toContain('Waiting for you');
    run.child.kill('SIGINT');
    expect((await run.exited).signal).toBe('SIGINT');
    await expect.poll(() => ended).toContain(requests.at(-1)!.requestId);
    expect(core.releaseApprovals.waiting()).toEqual([]);
    expect(run.output.stdout).toBe('');
    expect(core.audit.list({ actionPrefix: 'credential.release', limit: 1 })[0]).toMatchObject({ outcome: 'denied', details: { code: 'RELEASE_DENIED' } });
  });
});
