/** `keywarden audit` as sentences: --key, --kind, --since/--until, --search and --csv. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBybitKey } from '../testing/fake-exchange/keys';
import { keywardenCli } from '../testing/cli-runner';
import { makeTempHome } from '../testing/test-core';

describe('keywarden audit filters', () => {
  const temp = makeTempHome('keywarden-cli-audit-filters-');
  const run = (args: string[], stdin?: string) => keywardenCli(temp.home, args, stdin === undefined ? {} : { stdin });

  beforeAll(async () => {
    expect((await run(['init'])).code).toBe(0);
    expect((await run(['add', 'bybit', '--label', 'Bybit main'], JSON.stringify(makeBybitKey()))).code).toBe(0);
    expect((await run(['add', 'bybit', '--label', '@evil'], JSON.stringify(makeBybitKey()))).code).toBe(0);
  }, 60_000);
  afterAll(() => temp.cleanup());

  it('lists sentences with the key label, filtered by key and kind', async () => {
    const all = await run(['audit']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('Key “Bybit main” added.');
    expect(all.stdout).toContain('Vault created.');
    const byKey = await run(['audit', '--key', 'Bybit main']);
    expect(byKey.stdout).toContain('Key “Bybit main” added.');
    expect(byKey.stdout).not.toContain('@evil');
    expect(byKey.stdout).not.toContain('Vault created.');
    const vault = await run(['--json', 'audit', '--kind', 'vault']);
    expect((JSON.parse(vault.stdout) as { action: string }[]).map((l) => l.action)).toContain('vault.init');
    expect((JSON.parse(vault.stdout) as { kind: string }[]).every((l) => l.kind === 'vault')).toBe(true);
  });

  it('filters by date and words, and refuses junk dates and kinds', async () => {
    expect((await run(['audit', '--until', '2000-01-01'])).stdout).toContain('No audit records match.');
    expect((await run(['audit', '--since', '2000-01-01', '--search', 'EVIL'])).stdout).toContain('Key “@evil” added.');
    for (const args of [['--since', '2026-02-31'], ['--since', 'yesterday'], ['--kind', 'orders'], ['--since', '2026-03-02', '--until', '2026-03-01']]) {
      const refused = await run(['audit', ...args]);
      expect(refused.code, args.join(' ')).not.toBe(0);
      expect(refused.stderr).toContain('[INVALID_INPUT]');
    }
  });

  it('writes CSV, quoted and with no formula, and refuses to overwrite', async () => {
    const file = path.join(temp.home, 'audit.csv');
    const written = await run(['audit', '--kind', 'keys', '--csv', file]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain('Wrote 2 records');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(",Key “@evil” added.,'@evil,Keys,Done\r\n");
    expect((await run(['audit', '--csv', file])).code).not.toBe(0);
    expect((await run(['audit', '--csv', file, '--overwrite'])).code).toBe(0);
  });
});
