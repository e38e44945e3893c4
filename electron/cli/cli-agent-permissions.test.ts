/**
 * Who may reach the agent: a data folder open to others or something else at the socket's path stops
 * it from starting; its socket is owner-only; and another OS user cannot connect to it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keywardenCli } from '../testing/cli-runner';
import { makeTempHome } from '../testing/test-core';
import { startAgentProcess, type AgentProcess } from './cli-agent-test-kit';

describe('keywarden agent: permissions', () => {
  const temp = makeTempHome('kw-agent-perm-');
  const socket = path.join(temp.home, 'agent.sock');
  let agent: AgentProcess | undefined;

  beforeAll(async () => {
    expect((await keywardenCli(temp.home, ['init'])).code).toBe(0);
  });
  afterEach(async () => {
    await agent?.stop();
    agent = undefined;
    chmodSync(temp.home, 0o700);
  });
  afterAll(() => temp.cleanup());

  it('refuses a data folder others can open, before unlocking anything', async () => {
    chmodSync(temp.home, 0o755);
    const refused = await keywardenCli(temp.home, ['agent']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`keywarden: The data folder ${temp.home} is open to other users (mode 0755); the agent needs it owner-only. Run: chmod 700 "${temp.home}" [AGENT_NOT_SAFE]`);
    expect(lstatSync(temp.home).mode & 0o777).toBe(0o755);
  });

  it('refuses a file it did not make at the socket path, and leaves it there', async () => {
    writeFileSync(socket, 'not a socket', { mode: 0o644 });
    const refused = await keywardenCli(temp.home, ['unlock', '--for', '1m']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${socket} exists and is not this user's agent socket (mode 0644)`);
    expect(lstatSync(socket).isFile()).toBe(true);
    // Every other command still works: it opens the vault itself.
    const status = await keywardenCli(temp.home, ['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('Agent: not running');
    rmSync(socket);
  });

  it('makes its socket owner-only, and another OS user cannot connect', async (context) => {
    agent = await startAgentProcess(temp.home);
    const stats = lstatSync(socket);
    expect(stats.isSocket()).toBe(true);
    expect(stats.mode & 0o777).toBe(0o600);
    if (process.getuid?.() !== 0) {
      console.log('skipped the other-user check: it needs root to run a client as nobody');
      return context.skip();
    }
    const client = `require('net').createConnection(${JSON.stringify(socket)}).on('connect', () => { console.log('CONNECTED'); process.exit(0); }).on('error', (e) => { console.log(e.code); process.exit(0); })`;
    const asNobody = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', client], { encoding: 'utf8', cwd: '/' });
    expect(asNobody.stdout.trim()).toBe('EACCES');
    // Even with the folder opened up, the 0600 socket refuses the other user.
    chmodSync(temp.home, 0o711);
    const throughFolder = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', client], { encoding: 'utf8', cwd: '/' });
    expect(throughFolder.stdout.trim()).toBe('EACCES');
  });
});
