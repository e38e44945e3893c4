/**
 * Issue 16, `keywarden run`: the bundled CLI starts a real program with key fields in its
 * environment only, conceals them in its output, passes its exit code and signals through, and runs
 * nothing when a reference cannot be released. No released secret reaches the data folder, the
 * audit log or the CLI's own output.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBinanceHmacKey } from '../testing/fake-exchange/keys';
import { TEST_PASSPHRASE, cliBundle, filesContaining, makeTempHome } from '../testing/test-core';
import { keywardenCli } from '../testing/cli-runner';
import { CONCEALED } from './secret-concealer';

const printed: string[] = [];
const keywarden = (home: string, args: readonly string[], options: { stdin?: string; env?: Record<string, string | undefined> } = {}) => keywardenCli(home, args, options, printed);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Prints what it was given: the secret (whole, and split over two writes), its hash, a plain value, its arguments. */
const BOT = `
const secret = process.env.BOT_SECRET ?? '';
process.stdout.write('secret=' + secret + '\\n');
process.stderr.write('half=' + secret.slice(0, 20));
setTimeout(() => {
  process.stderr.write(secret.slice(20) + '\\n');
  console.log('hash=' + require('node:crypto').createHash('sha256').update(secret).digest('hex'));
  console.log('key=' + process.env.BOT_KEY);
  console.log('plain=' + process.env.PLAIN + ' quoted=' + process.env.QUOTED);
  console.log('passphrase=' + (process.env.KEYWARDEN_PASSPHRASE ?? 'none'));
  console.log('argv=' + process.argv.slice(2).join(','));
  process.exit(Number(process.env.EXIT_WITH ?? 0));
}, 50);
`;

/** Waits for a signal: says "ready", and answers SIGINT by exiting 42. */
const WAITER = `
process.on('SIGINT', () => { console.log('got SIGINT'); process.exit(42); });
setInterval(() => undefined, 1000);
console.log('ready');
`;

describe('keywarden run', () => {
  const temp = makeTempHome('keywarden-cli-run-');
  const home = temp.home;
  const work = makeTempHome('keywarden-cli-run-work-');
  const key = makeBinanceHmacKey();
  const other = makeBinanceHmacKey();
  const gone = makeBinanceHmacKey();
  const bot = path.join(work.home, 'bot.js');
  const waiter = path.join(work.home, 'waiter.js');
  const marker = path.join(work.home, 'ran');
  const wouldRun = ['--', process.execPath, '-e', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x')`];
  const refs = ['--env', 'BOT_SECRET=keywarden://Binance/main/secret', '--env', 'BOT_KEY=keywarden://binance%2Fmain/apiKey'];

  beforeAll(async () => {
    writeFileSync(bot, BOT);
    writeFileSync(waiter, WAITER);
    expect((await keywarden(home, ['init'])).code).toBe(0);
    for (const [label, fields] of [['Binance/main', key], ['Not allowed', other], ['Revoked', gone]] as const) {
      const added = await keywarden(home, ['add', 'binance', '--label', label], { stdin: JSON.stringify(fields) });
      expect(added.code, added.stderr).toBe(0);
    }
    for (const label of ['Binance/main', 'Revoked']) expect((await keywarden(home, ['update', label, '--allow-programs'])).code).toBe(0);
    expect((await keywarden(home, ['revoke', 'Revoked', '--yes'])).code).toBe(0);
  });
  afterAll(() => {
    temp.cleanup();
    work.cleanup();
  });

  it('shows the switch on a key, off by default', async () => {
    expect((await keywarden(home, ['show', 'Not allowed'])).stdout).toMatch(/Programs\s+not allowed/);
    expect((await keywarden(home, ['show', 'Binance/main'])).stdout).toMatch(/Programs\s+allowed/);
  });

  it('gives the program the fields in its environment and conceals them in its output', async () => {
    const before = JSON.parse((await keywarden(home, ['--json', 'show', 'Binance/main'])).stdout) as { useCount: number };
    const run = await keywarden(home, ['run', ...refs, '--env', 'PLAIN=as-is', '--', process.execPath, bot, 'one', 'two']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`secret=${CONCEALED}\n`);
    expect(run.stderr).toBe(`half=${CONCEALED}\n`);
    expect(run.stdout).toContain(`hash=${sha256(key.secret)}\n`);
    expect(run.stdout).toContain(`key=${CONCEALED}\n`);
    expect(run.stdout).toContain('plain=as-is');
    expect(run.stdout).toContain('passphrase=none');
    expect(run.stdout).toContain('argv=one,two');
    const after = JSON.parse((await keywarden(home, ['--json', 'show', 'Binance/main'])).stdout) as { useCount: number; lastUsedAt: number | null };
    expect(after.useCount).toBe(before.useCount + 1);
    expect(after.lastUsedAt).not.toBeNull();
  });

  it('reads an env-file template: comments, plain and quoted values, references', async () => {
    const template = path.join(work.home, 'bot.env.tpl');
    writeFileSync(template, ['# the bot\'s settings', '', 'PLAIN=from-template', 'QUOTED="two words"', 'BOT_SECRET=keywarden://Binance/main/secret', 'BOT_KEY=keywarden://Binance/main/apiKey', ''].join('\n'));
    const run = await keywarden(home, ['run', '--env-file', template, '--', process.execPath, bot]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`hash=${sha256(key.secret)}`);
    expect(run.stdout).toContain('plain=from-template quoted=two words');
  });

  it('records the release in the audit log: key, fields, command, working folder; never a value', async () => {
    const audit = await keywarden(home, ['--json', 'audit', '--action', 'credential.release', '--limit', '5']);
    const [latest] = JSON.parse(audit.stdout) as { subject: string; outcome: string; details: Record<string, string> }[];
    expect(latest).toMatchObject({ outcome: 'ok', details: { label: 'Binance/main', fields: 'secret,apiKey', command: `${process.execPath} ${bot}`, cwd: process.cwd() } });
    expect(audit.stdout).not.toContain(key.secret);
  });

  it('passes the exit code through, and 128 + the signal for a program killed by one', async () => {
    expect((await keywarden(home, ['run', ...refs, '--env', 'EXIT_WITH=3', '--', process.execPath, bot])).code).toBe(3);
    expect((await keywarden(home, ['run', '--', process.execPath, '-e', 'process.kill(process.pid, "SIGTERM")'])).code).toBe(143);
    expect((await keywarden(home, ['run', '--', process.execPath, '-e', '0'])).code).toBe(0);
  });

  it('forwards SIGINT and SIGTERM to the program', async () => {
    const started = (signal: NodeJS.Signals) => new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const cli = spawn(process.execPath, [cliBundle, 'run', ...refs, '--', process.execPath, waiter], { env: { ...process.env, KEYWARDEN_HOME: home, KEYWARDEN_PASSPHRASE: TEST_PASSPHRASE }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      cli.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('ready')) cli.kill(signal);
      });
      const timer = setTimeout(() => cli.kill('SIGKILL'), 30_000);
      cli.on('error', reject);
      cli.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout });
      });
    });
    const interrupted = await started('SIGINT');
    expect(interrupted).toEqual({ code: 42, stdout: 'ready\ngot SIGINT\n' });
    expect((await started('SIGTERM')).code).toBe(143);
  });

  it('runs nothing when a reference cannot be released, and says which', async () => {
    const cases: { env: string; code: string; says: string }[] = [
      { env: 'X=keywarden://Nobody/secret', code: 'CREDENTIAL_NOT_FOUND', says: '"Nobody"' },
      { env: 'X=keywarden://Binance/main/passphrase', code: 'CREDENTIAL_FIELD_NOT_FOUND', says: '"Binance/main" has no field "passphrase"' },
      { env: 'X=keywarden://Not allowed/secret', code: 'KEY_NOT_RELEASABLE', says: 'keywarden update "Not allowed" --allow-programs' },
      { env: 'X=keywarden://Revoked/secret', code: 'KEY_NOT_RELEASABLE', says: 'was revoked' },
      { env: 'X=keywarden://secret', code: 'INVALID_INPUT', says: 'keywarden://<key>/<field>' },
    ];
    for (const c of cases) {
      const run = await keywarden(home, ['run', '--env', 'BOT_SECRET=keywarden://Binance/main/secret', '--env', c.env, ...wouldRun]);
      expect(run.code, c.env).toBe(1);
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stderr).toContain(c.says);
      expect(run.stderr).toContain(`[${c.code}]`);
      expect(existsSync(marker), c.env).toBe(false);
    }
  });

  it('says when the program cannot be started: 127 not found, 126 not executable', async () => {
    const missing = await keywarden(home, ['run', ...refs, '--', 'no-such-program-keywarden']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('[COMMAND_NOT_FOUND]');
    const notExecutable = path.join(work.home, 'not-executable.sh');
    writeFileSync(notExecutable, '#!/bin/sh\necho hi\n');
    chmodSync(notExecutable, 0o600);
    const refused = await keywarden(home, ['run', '--', notExecutable]);
    expect(refused.code).toBe(126);
    expect(refused.stderr).toContain('[COMMAND_NOT_EXECUTABLE]');
  });

  it('leaves no released secret in the data folder or the CLI\'s own output', () => {
    for (const secret of [key.secret, key.apiKey]) {
      expect(filesContaining(home, secret)).toEqual([]);
      expect(printed.filter((text) => text.includes(secret))).toEqual([]);
    }
  });
});
