/**
 * Issue 17, the local AI gateway through the bundled CLI: local tokens made (printed once), listed
 * and revoked; budgets, caps and prices set with money read by the one number rule (the worst
 * inputs refused with their reason); `keywarden proxy` in the foreground forwarding a call to the
 * offline fake provider (KEYWARDEN_SERVICE_URLS) until Ctrl-C. No key in anything printed or in any
 * file of the data folder.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keywardenCli } from '../testing/cli-runner';
import { makeFakeAiKey, startFakeAiProvider, type FakeAiProvider } from '../testing/fake-ai-provider';
import { TEST_PASSPHRASE, cliBundle, filesContaining, makeTempHome } from '../testing/test-core';

describe('keywarden proxy', () => {
  const temp = makeTempHome('kw-cli-gateway-');
  const printed: string[] = [];
  const key = makeFakeAiKey('openai');
  let openai: FakeAiProvider;
  let env: Record<string, string>;
  let token = '';
  const run = (args: string[], stdin?: string) => keywardenCli(temp.home, args, { env, ...(stdin === undefined ? {} : { stdin }) }, printed);

  beforeAll(async () => {
    openai = await startFakeAiProvider({ provider: 'openai', keys: [{ key }] });
    env = { KEYWARDEN_SERVICE_URLS: JSON.stringify({ openai: openai.url }) };
    expect((await run(['init'])).code).toBe(0);
    expect((await run(['vault', 'auto-lock', '0'])).code).toBe(0);
    expect((await run(['add', 'openai', '--label', 'OpenAI main'], JSON.stringify({ apiKey: key }))).code).toBe(0);
  });
  afterAll(async () => {
    const everything = printed.join('\n');
    expect(everything).not.toContain(key.slice(8));
    expect(filesContaining(temp.home, key)).toEqual([]);
    if (token) expect(filesContaining(temp.home, token)).toEqual([]);
    await openai.stop();
    temp.cleanup();
  });

  it('makes a local token, prints it once, lists tokens without it, and revokes by label', async () => {
    const created = await run(['proxy', 'tokens', 'create', '--label', 'research bot', '--key', 'OpenAI main']);
    expect(created.code, created.stderr).toBe(0);
    token = /\b(kwl_[A-Za-z0-9_-]{43})\b/.exec(created.stdout)?.[1] ?? '';
    expect(token).not.toBe('');
    expect(created.stdout).toContain('shown ONCE');
    const list = await run(['proxy', 'tokens', 'list']);
    expect(list.stdout).toMatch(/research bot\s+OpenAI main\s+active/);
    expect(list.stdout).not.toContain(token);

    const spare = JSON.parse((await run(['--json', 'proxy', 'tokens', 'create', '--label', 'spare', '--key', 'OpenAI main'])).stdout) as { localToken: string; info: { id: string } };
    expect(spare.localToken).toMatch(/^kwl_/);
    const revoked = await run(['proxy', 'tokens', 'revoke', 'spare']);
    expect(revoked.stdout).toContain('Revoked local token "spare"');
    const again = await run(['proxy', 'tokens', 'revoke', 'spare']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already revoked');
  });

  it('sets budgets, caps and prices, reading money by the one number rule and refusing the worst inputs with their reason', async () => {
    const set = await run(['proxy', 'budget', 'OpenAI main', '--monthly-usd', '20,50', '--rpm', '60']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/OpenAI main\s+openai\s+\$20\.50\s+\$0\.00\s+60/);
    const refusals: [string[], string][] = [
      [['proxy', 'budget', 'OpenAI main', '--monthly-usd', '1,000'], 'could mean 1000 or 1'],
      [['proxy', 'budget', 'OpenAI main', '--monthly-usd', '-5'], '--monthly-usd must be more than 0.'],
      [['proxy', 'budget', 'OpenAI main', '--monthly-usd', 'NaN'], '--monthly-usd must be a number'],
      [['proxy', 'budget', 'OpenAI main', '--monthly-usd', '1e400'], 'too large'],
      [['proxy', 'budget', 'OpenAI main', '--monthly-usd', '1e4000'], 'exponent of more than 3 digits'],
      [['proxy', 'budget', 'OpenAI main', '--monthly-usd', '99999999999999999'], 'too large'],
      [['proxy', 'budget', 'OpenAI main', '--monthly-usd', '5000000000'], 'at most 1000000000'],
      [['proxy', 'budget', 'OpenAI main', '--rpm', '1.5'], '--rpm must be a whole number'],
      [['proxy', 'budget', 'OpenAI main', '--rpm', '0'], 'at least 1'],
      [['proxy', 'budget', '--monthly-usd', '5'], 'Name the key'],
      [['proxy', 'prices', 'set', 'gpt-x', '--input-usd-per-mtok', '-0.5', '--output-usd-per-mtok', '1'], '--input-usd-per-mtok must be 0 or more.'],
      [['proxy', 'prices', 'set', 'gpt-x', '--input-usd-per-mtok', '1', '--output-usd-per-mtok', 'lots'], '--output-usd-per-mtok must be a number'],
      [['proxy', 'prices', 'set', 'gpt-x', '--input-usd-per-mtok', '200000', '--output-usd-per-mtok', '1'], 'at most 100000'],
      [['proxy', 'prices', 'set', 'gpt-x', '--input-usd-per-mtok', '1', '--output-usd-per-mtok', '1', '--provider', 'nobody'], 'does not know the AI provider'],
      [['proxy', 'settings', '--port', '70000'], '--port must be a whole number from 0 to 65535'],
    ];
    for (const [args, says] of refusals) {
      const refused = await run(args);
      expect(refused.code, args.join(' ')).not.toBe(0);
      expect(refused.stderr, args.join(' ')).toContain(says);
    }
    // Tiny amounts are kept exactly, not rounded to nothing.
    expect(JSON.parse((await run(['--json', 'proxy', 'budget', 'OpenAI main', '--monthly-usd', '0.0000001'])).stdout)).toEqual([expect.objectContaining({ monthlyUsd: 0.0000001 })]);
    expect((await run(['proxy', 'budget', 'OpenAI main', '--monthly-usd', '20.5'])).code).toBe(0);

    const prices = await run(['proxy', 'prices', 'set', 'gpt-4o-mini', '--input-usd-per-mtok', '0,15', '--output-usd-per-mtok', '0.6', '--provider', 'openai']);
    expect(prices.code, prices.stderr).toBe(0);
    expect(prices.stdout).toMatch(/gpt-4o-mini\s+openai\s+0\.15\s+0\.6\s*$/m);
    expect(prices.stdout).toMatch(/gpt-4o\s+openai\s+2\.5\s+10\s+EXAMPLE: check it/);
    expect((await run(['proxy', 'prices', 'set', 'local-llama', '--input-usd-per-mtok', '0', '--output-usd-per-mtok', '0'])).code).toBe(0);
    expect((await run(['proxy', 'prices', 'remove', 'local-llama'])).stdout).not.toContain('local-llama');
    const settings = await run(['proxy', 'settings', '--port', '8799', '--enable']);
    expect(settings.stdout).toContain('Address: 127.0.0.1:8799');
    expect(settings.stdout).toContain('Runs with the desktop app: yes');
    const audit = await run(['audit', '--action', 'gateway']);
    expect(audit.stdout).toContain('gateway.budget');
    expect(audit.stdout).toContain('gateway.price');
  });

  it('runs the gateway in the foreground: a call with the local token reaches the provider with the real key and is counted; Ctrl-C stops it', async () => {
    expect(token).not.toBe('');
    const proxy = spawn(process.execPath, [cliBundle, 'proxy', '--port', '0'], { env: { ...process.env, ...env, KEYWARDEN_HOME: temp.home, KEYWARDEN_PASSPHRASE: TEST_PASSPHRASE }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proxy.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => proxy.on('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: proxy.stdout }).on('line', (line) => {
        stdout += `${line}\n`;
        const match = /^AI gateway listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
        if (match) resolve(match[1]!);
      });
      void exited.then(() => reject(new Error(`proxy ended before listening: ${stdout} ${stderr}`)));
    });
    try {
      expect(stdout).toContain(`OpenAI         ${url}/openai/v1`);
      const answer = await fetch(`${url}/openai/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }) });
      const text = await answer.text();
      printed.push(text);
      expect(answer.status, text).toBe(200);
      expect(openai.requests.at(-1)).toMatchObject({ path: '/v1/chat/completions', status: 200 });
    } finally {
      proxy.kill('SIGINT');
    }
    expect(await exited, stderr).toBe(0);
    printed.push(stdout, stderr);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(stdout).toContain('Stopped (SIGINT).');
    const usage = await run(['usage']);
    expect(usage.stdout).toMatch(/OpenAI main\s+openai\s+0\s+0\s+0\s+1\s+21\/7\s+\$0\.00/);
    const tokens = await run(['--json', 'proxy', 'tokens', 'list']);
    expect(JSON.parse(tokens.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'research bot', thisMonth: { calls: 1, failed: 0, tokensIn: 21, tokensOut: 7, costUsd: 0.000008 } })]));
  });
});
