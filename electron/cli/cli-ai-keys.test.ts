/**
 * Issue 17 through the bundled CLI: AI provider keys added (tested first, or with a warning about
 * their shape), listed with nothing of the key shown, verified against the offline fake provider
 * (pointed at with KEYWARDEN_SERVICE_URLS), and handed to a program by `keywarden run`. No key in
 * anything printed or in any file of the data folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keywardenCli } from '../testing/cli-runner';
import { makeFakeAiKey, startFakeAiProvider, type FakeAiProvider } from '../testing/fake-ai-provider';
import { filesContaining, makeTempHome } from '../testing/test-core';

describe('keywarden with AI provider keys', () => {
  const temp = makeTempHome('kw-cli-ai-');
  const printed: string[] = [];
  const key = makeFakeAiKey('openai');
  const unknown = makeFakeAiKey('openai');
  let openai: FakeAiProvider;
  let env: Record<string, string>;
  const run = (args: string[], stdin?: string) => keywardenCli(temp.home, args, { env, ...(stdin === undefined ? {} : { stdin }) }, printed);

  beforeAll(async () => {
    openai = await startFakeAiProvider({ provider: 'openai', keys: [{ key }] });
    env = { KEYWARDEN_SERVICE_URLS: JSON.stringify({ openai: openai.url }) };
    expect((await run(['init'])).code).toBe(0);
  });
  afterAll(async () => {
    const everything = printed.join('\n');
    for (const secret of [key, unknown]) {
      expect(everything).not.toContain(secret.slice(8));
      expect(filesContaining(temp.home, secret)).toEqual([]);
    }
    await openai.stop();
    temp.cleanup();
  });

  it('add --test saves a key OpenAI accepts, and refuses one it does not, saving nothing', async () => {
    const refused = await run(['add', 'openai', '--label', 'Wrong', '--test'], JSON.stringify({ apiKey: unknown }));
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^keywarden: OpenAI does not accept this key: .+ The key was not saved\. \[KEY_REFUSED\]$/);

    const added = await run(['add', 'openai', '--label', 'OpenAI main', '--test'], JSON.stringify({ apiKey: key }));
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Stored "OpenAI main"');
    expect(added.stdout).toMatch(/✓ OpenAI main \(openai, live\): OpenAI accepted the key; it can use \d+ models?\./);

    const list = await run(['list']);
    expect(list.stdout).toMatch(/OpenAI main \*\s+openai\s+live\s+Working\s+••••/);
    expect(list.stdout).not.toContain('Wrong');
    const shown = await run(['show', 'OpenAI main']);
    expect(shown.stdout).toContain('AI provider   openai');
    expect(shown.stdout).not.toContain('Trading');
  });

  it('add without --test saves a key that only looks unlike today\'s format, with a warning naming the difference', async () => {
    const added = await run(['--json', 'add', 'openai', '--label', 'Looks odd'], JSON.stringify({ apiKey: makeFakeAiKey('anthropic') }));
    expect(added.code, added.stderr).toBe(0);
    const body = JSON.parse(added.stdout) as { kind: string; warnings: string[] };
    expect(body.kind).toBe('ai');
    expect(body.warnings).toEqual([expect.stringContaining('This looks like an Anthropic key (it starts with sk-ant-). OpenAI keys start with sk-.')]);
    expect((await run(['remove', 'Looks odd', '--yes'])).code).toBe(0);
  });

  it('verify reports a disabled key and marks it; a provider that cannot be reached changes nothing', async () => {
    openai.setKeyState(key, 'revoked');
    const disabled = await run(['verify', 'OpenAI main']);
    expect(disabled.stdout).toContain('OpenAI says this key, or the account or organization it belongs to, has been disabled.');
    expect((await run(['show', 'OpenAI main'])).stdout).toMatch(/Status\s+Disabled/);
    openai.setKeyState(key, 'ok');
    openai.failNext(1, '5xx');
    const down = await run(['verify', 'OpenAI main']);
    expect(down.stdout).toContain("OpenAI could not be reached (answered 503); the key's status is unchanged.");
    expect((await run(['show', 'OpenAI main'])).stdout).toMatch(/Status\s+Disabled/);
    expect((await run(['verify', 'OpenAI main'])).code).toBe(0);
    expect((await run(['show', 'OpenAI main'])).stdout).toMatch(/Status\s+Working/);
  });

  it('sets, shows and removes an expiry date, refusing a date that cannot be one', async () => {
    const day = new Date(Date.now() + 60 * 24 * 3600_000).toISOString().slice(0, 10);
    for (const [text, says] of [['2027-02-30', 'not a day of the calendar'], ['01/03/2027', 'YYYY-MM-DD'], ['2020-01-01', 'must be after today']] as const) {
      const refused = await run(['update', 'OpenAI main', '--expires', text]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(says);
    }
    expect((await run(['update', 'OpenAI main', '--expires', day])).code).toBe(0);
    expect((await run(['show', 'OpenAI main'])).stdout).toMatch(new RegExp(`Expires\\s+${day} 00:00 \\(the date you set\\)`));
    expect((await run(['update', 'OpenAI main', '--no-expires'])).code).toBe(0);
    expect((await run(['show', 'OpenAI main'])).stdout).toMatch(/Expires\s+—/);
  });

  it('keywarden run hands the key to a program, concealed in its output; it is never an account for orders', async () => {
    expect((await run(['update', 'OpenAI main', '--allow-programs'])).code).toBe(0);
    const ran = await run(['run', '--env', 'OPENAI_API_KEY=keywarden://OpenAI main/apiKey', '--', process.execPath, '-e', 'console.log(process.env.OPENAI_API_KEY.length, process.env.OPENAI_API_KEY)']);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toBe(`${key.length} <concealed by keywarden>\n`);
    const trade = await run(['trade', 'OpenAI main', 'BTC/USDT', 'buy', '0.001', '--paper']);
    expect(trade.code).toBe(1);
    expect(trade.stderr).toContain('"OpenAI main" is an AI provider key; orders and alerts use exchange keys and Polymarket accounts only. [NOT_AN_EXCHANGE_KEY]');
    const revoked = await run(['revoke', 'OpenAI main', '--yes']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain("delete the key on OpenAI's API management page too.");
    expect((await run(['run', '--env', 'K=keywarden://OpenAI main/apiKey', '--', 'true'])).stderr).toContain('was revoked');
  });
});
