/**
 * The CLI as a user runs it: the bundled `keywarden` in a child process, a real data folder, the
 * passphrase in the environment and keys piped on stdin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBinanceEd25519Key, makeBinanceHmacKey, makeBybitKey } from '../testing/fake-exchange/keys';
import { TEST_PASSPHRASE, filesContaining, makeTempHome } from '../testing/test-core';
import { keywardenCli, type CliRun as Run } from '../testing/cli-runner';

const printed: string[] = [];
const keywarden = (home: string, args: readonly string[], options: { stdin?: string; env?: Record<string, string | undefined> } = {}) => keywardenCli(home, args, options, printed);
const json = (run: Run) => JSON.parse(run.stdout) as Record<string, unknown> & Record<number, Record<string, unknown>>;

describe('keywarden CLI', () => {
  const temp = makeTempHome('keywarden-cli-');
  const home = temp.home;
  const binance = makeBinanceHmacKey();
  const binanceEd = makeBinanceEd25519Key();
  const bybit = makeBybitKey();
  const newPassphrase = 'the second long passphrase';

  beforeAll(async () => {
    const init = await keywarden(home, ['init']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('Vault created');
  });
  afterAll(() => temp.cleanup());

  it('prints help listing every command, and the environment it reads', async () => {
    const help = await keywarden(home, ['--help']);
    expect(help.code).toBe(0);
    for (const command of ['init', 'status', 'add', 'list', 'show', 'update', 'remove', 'vault', 'audit', 'exchanges']) expect(help.stdout).toContain(command);
    expect(help.stdout).toContain('KEYWARDEN_PASSPHRASE');
  });

  it('refuses a second init', async () => {
    const again = await keywarden(home, ['init']);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('[VAULT_ALREADY_INITIALIZED]');
  });

  it('adds keys from stdin JSON and lists them masked', async () => {
    const added = await keywarden(home, ['--json', 'add', 'binance', '--label', 'Binance main'], { stdin: JSON.stringify(binance) });
    expect(added.code, added.stderr).toBe(0);
    expect(json(added)).toMatchObject({ provider: 'binance', label: 'Binance main', status: 'unverified', isPrimary: true, preview: `${binance.apiKey.slice(0, 4)}…${binance.apiKey.slice(-4)}` });
    expect((await keywarden(home, ['add', 'binance', '--label', 'Binance ed25519'], { stdin: JSON.stringify(binanceEd) })).code).toBe(0);
    const testnet = await keywarden(home, ['add', 'bybit', '--label', 'Bybit test', '--testnet'], { stdin: JSON.stringify(bybit) });
    expect(testnet.code, testnet.stderr).toBe(0);
    expect(testnet.stdout).toContain('Stored "Bybit test"');

    const list = await keywarden(home, ['--json', 'list']);
    const rows = JSON.parse(list.stdout) as { label: string; environment: string; signingKind: string }[];
    expect(rows.map((r) => [r.label, r.environment, r.signingKind])).toEqual([
      ['Binance main', 'live', 'hmac'],
      ['Binance ed25519', 'live', 'ed25519'],
      ['Bybit test', 'testnet', 'hmac'],
    ]);
    const table = await keywarden(home, ['list']);
    expect(table.stdout).toMatch(/ID\s+LABEL\s+PROVIDER\s+ENV\s+STATUS\s+KEY/);
    expect(table.stdout).toContain('Binance main *');
    const show = await keywarden(home, ['show', 'bybit TEST']);
    expect(show.stdout).toMatch(/Environment\s+testnet/);
  });

  it('explains bad input in one line, exits non-zero, and stores nothing', async () => {
    const cases: { args: string[]; stdin?: string; code: string; says: string }[] = [
      { args: ['add', 'binance', '--label', 'dup'], stdin: JSON.stringify(binance), code: 'DUPLICATE_KEY', says: 'already stored as "Binance main"' },
      { args: ['add', 'binance', '--label', 'binance MAIN'], stdin: JSON.stringify(makeBinanceHmacKey()), code: 'DUPLICATE_LABEL', says: 'already called' },
      { args: ['add', 'binance', '--label', 'bad'], stdin: JSON.stringify({ apiKey: binance.apiKey.slice(1), secret: binance.secret }), code: 'MALFORMED_FIELD', says: 'this one has 63 characters' },
      { args: ['add', 'binance', '--label', 'bad'], stdin: `{"apiKey": "${binance.apiKey}", secret`, code: 'INVALID_INPUT', says: 'not valid JSON' },
      { args: ['add', 'binanse', '--label', 'bad'], stdin: '{}', code: 'UNKNOWN_PROVIDER', says: 'Did you mean binance' },
      { args: ['show', 'nothing-here'], code: 'CREDENTIAL_NOT_FOUND', says: 'No credential has the id or label "nothing-here"' },
      { args: ['remove', 'Binance main'], code: 'INVALID_INPUT', says: 'Run again with --yes' },
      { args: ['vault', 'auto-lock', 'soon'], code: 'INVALID_INPUT', says: 'minutes' },
    ];
    for (const c of cases) {
      const run = await keywarden(home, c.args, c.stdin === undefined ? {} : { stdin: c.stdin });
      expect(run.code, c.args.join(' ')).toBe(1);
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stderr).toContain(`[${c.code}]`);
      expect(run.stderr).toContain(c.says);
      expect(run.stderr).not.toContain(binance.secret);
      expect(run.stderr).not.toContain(binance.apiKey.slice(1));
    }
    const jsonError = await keywarden(home, ['--json', 'show', 'nothing-here']);
    expect(jsonError.code).toBe(1);
    expect(json(jsonError)).toEqual({ error: { code: 'CREDENTIAL_NOT_FOUND', message: expect.any(String) } });
    expect(JSON.parse((await keywarden(home, ['--json', 'list'])).stdout)).toHaveLength(3);
  });

  it('never takes a secret from the command line', async () => {
    const run = await keywarden(home, ['add', 'binance', '--label', 'argv', '--secret', binance.secret]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--secret'");
  });

  it('refuses a wrong passphrase with a clear message', async () => {
    const run = await keywarden(home, ['list'], { env: { KEYWARDEN_PASSPHRASE: 'definitely not it' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[WRONG_PASSPHRASE]');
  });

  it('asks for a passphrase it cannot prompt for, instead of hanging', async () => {
    const run = await keywarden(home, ['list'], { env: { KEYWARDEN_PASSPHRASE: undefined } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[PASSPHRASE_REQUIRED]');
  });

  it('rotates the vault key, changes the passphrase, removes a key; secrets appear nowhere', async () => {
    const rotated = await keywarden(home, ['--json', 'vault', 'rotate-key']);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(json(rotated)).toEqual({ keyVersion: 2, reencrypted: 6 });

    const changed = await keywarden(home, ['vault', 'change-passphrase'], { env: { KEYWARDEN_NEW_PASSPHRASE: newPassphrase } });
    expect(changed.code, changed.stderr).toBe(0);
    expect((await keywarden(home, ['list'])).code).toBe(1);
    const env = { KEYWARDEN_PASSPHRASE: newPassphrase };
    expect((await keywarden(home, ['update', 'Bybit test', '--label', 'Bybit testnet'], { env })).code).toBe(0);
    const removed = await keywarden(home, ['remove', 'Binance ed25519', '--yes'], { env });
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse((await keywarden(home, ['--json', 'list'], { env })).stdout).map((c: { label: string }) => c.label)).toEqual(['Binance main', 'Bybit testnet']);

    const status = await keywarden(home, ['--json', 'status'], { env });
    expect(json(status)).toMatchObject({ initialized: true, keyVersion: 2, home });

    const audit = await keywarden(home, ['--json', 'audit', '--limit', '500'], { env });
    const actions = (JSON.parse(audit.stdout) as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['vault.init', 'credential.create', 'vault.rotateKey', 'vault.changePassphrase', 'credential.update', 'credential.delete', 'vault.unlock']));
    const verify = await keywarden(home, ['audit', '--verify'], { env });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Audit log intact: \d+ records/);

    const secrets = [binance.apiKey, binance.secret, binanceEd.apiKey, binanceEd.secret, bybit.apiKey, bybit.secret, TEST_PASSPHRASE, newPassphrase];
    // Nothing printed, in any run of this file, holds a secret.
    const allOutput = printed.join('\n');
    for (const secret of secrets) expect(allOutput).not.toContain(secret);
    // Nowhere in the data folder (database, WAL, shm, anything) is a secret in plaintext,
    // including the PEM body of the Ed25519 key.
    for (const secret of [...secrets, binanceEd.secret.split('\n')[1] ?? 'x']) expect(filesContaining(home, secret)).toEqual([]);
  });

  it('reports a tampered audit log with its own exit code', async () => {
    const other = makeTempHome('keywarden-cli-audit-');
    try {
      expect((await keywarden(other.home, ['init'])).code).toBe(0);
      expect((await keywarden(other.home, ['add', 'bybit', '--label', 'b'], { stdin: JSON.stringify(makeBybitKey()) })).code).toBe(0);
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(`${other.home}/keywarden.db`);
      db.prepare("UPDATE audit_log SET outcome = 'denied' WHERE seq = 2").run();
      db.close();
      const verify = await keywarden(other.home, ['audit', '--verify']);
      expect(verify.code).toBe(3);
      expect(verify.stdout).toContain('Audit log damaged: Audit row 2 was changed');
    } finally {
      other.cleanup();
    }
  });
});
