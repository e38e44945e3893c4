/**
 * `proxy …`: the local AI gateway from the terminal (issue 17, docs/ai-gateway.md). `proxy` runs it
 * in the foreground (unlocks the vault and holds it, as `serve` does); the subcommands manage local
 * tokens, each AI key's budget and cap, the price table and the settings. A local token is printed
 * exactly once: by `proxy tokens create`.
 */
import type { Command } from 'commander';
import type { GatewayStatus, IssuedLocalToken, KeyBudgetLine, LocalTokenInfo, ModelPrice } from '../../api/contract-schemas';
import { KeywardenError } from '../../api/errors';
import type { CliSession } from '../cli-session';
import type { Run, RunnerEnvironment } from '../command-runner';
import { nonNegativeNumberArgument, positiveNumberArgument, wholeNumberArgument } from '../number-arguments';
import { readPassphraseFile } from '../passphrase-file';
import { formatDate, table } from '../output';
import { untilStopped } from '../until-stopped';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const usd = (value: number | null) => (value === null ? '—' : `$${value < 0.01 && value > 0 ? value.toFixed(6) : value.toFixed(2)}`);

function port(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = wholeNumberArgument(text, '--port');
  if (value > 65_535) throw new KeywardenError('INVALID_INPUT', '--port must be a whole number from 0 to 65535.');
  return value;
}

function formatStatus(status: GatewayStatus): string {
  if (!status.running) return `The AI gateway is not running here (it binds ${status.host}:${status.port}; start it with keywarden proxy, or turn it on in the app: keywarden proxy settings --enable).`;
  return [
    `AI gateway listening on ${status.localUrl}`,
    'Give your programs a local token (keywarden proxy tokens create) and these base URLs:',
    ...status.sdkBaseUrls.map((entry) => `  ${entry.name.padEnd(14)} ${entry.baseUrl}`),
    '  (an OpenAI-compatible server or Azure: your base URL with its scheme and host replaced by the gateway\'s /openai-compatible or /azure-openai)',
  ].join('\n');
}

function formatTokens(tokens: readonly LocalTokenInfo[]): string {
  if (tokens.length === 0) return 'No local tokens yet. Make one: keywarden proxy tokens create --label <label> --key <key>';
  return table(
    ['ID', 'LABEL', 'KEYS', 'STATE', 'CALLS THIS MONTH', 'TOKENS IN/OUT', 'COST', 'LAST USED'],
    tokens.map((token) => [
      token.id, token.label, token.keys.map((key) => key.label).join(', '), token.revokedAt === null ? 'active' : `revoked ${formatDate(token.revokedAt)}`,
      token.thisMonth.failed === 0 ? String(token.thisMonth.calls) : `${token.thisMonth.calls} (${token.thisMonth.failed} failed)`,
      `${token.thisMonth.tokensIn}/${token.thisMonth.tokensOut}`, usd(token.thisMonth.costUsd), formatDate(token.lastUsedAt),
    ]),
  );
}

function formatIssued(issued: IssuedLocalToken): string {
  return [
    `Created local token "${issued.info.label}" (${issued.info.id}) for ${issued.info.keys.map((key) => `"${key.label}" (${key.provider})`).join(', ')}.`,
    '',
    'The token (shown ONCE: Keywarden keeps only a hash of it):',
    `  ${issued.localToken}`,
    '',
    'Give it to your program as its API key, with the gateway as its base URL (keywarden proxy status lists them), e.g.',
    '  OPENAI_API_KEY=<the token> OPENAI_BASE_URL=http://127.0.0.1:8788/openai/v1',
    '  ANTHROPIC_API_KEY=<the token> ANTHROPIC_BASE_URL=http://127.0.0.1:8788/anthropic',
  ].join('\n');
}

function formatBudgets(lines: readonly KeyBudgetLine[]): string {
  if (lines.length === 0) return 'No AI keys yet. Add one: keywarden add openai --label "OpenAI main"';
  return table(
    ['KEY', 'PROVIDER', 'MONTHLY BUDGET', 'SPENT THIS MONTH', 'CALLS/MIN'],
    lines.map((line) => [line.label, line.provider, line.monthlyUsd === null ? 'none' : usd(line.monthlyUsd), usd(line.spentUsd), line.requestsPerMinute === null ? 'no cap' : String(line.requestsPerMinute)]),
  );
}

function formatPrices(prices: readonly ModelPrice[]): string {
  if (prices.length === 0) return 'The price table is empty: calls have no known cost, and a key with a budget refuses them. Add prices: keywarden proxy prices set <model> --input-usd-per-mtok <usd> --output-usd-per-mtok <usd>';
  const rows = table(
    ['MODEL', 'PROVIDER', 'INPUT $/M TOKENS', 'OUTPUT $/M TOKENS', ''],
    prices.map((price) => [price.model, price.provider ?? 'any', String(price.inputUsdPerMTok), String(price.outputUsdPerMTok), price.example ? 'EXAMPLE: check it' : '']),
  );
  const examples = prices.some((price) => price.example) ? '\n\nEXAMPLE prices are list prices Keywarden starts with; check them against your provider\'s price page and set your own.' : '';
  return rows + examples;
}

async function proxy(session: CliSession, environment: RunnerEnvironment, options: { port?: string; passphraseFile?: string; json: boolean }): Promise<{ json: unknown; text: string }> {
  const portOverride = port(options.port);
  // The core's modules load only here: the other proxy commands may be answered by the agent.
  const { startRuntime } = await import('../../api/core-host');
  if (options.passphraseFile !== undefined) session.usePassphrase(readPassphraseFile(options.passphraseFile));
  // proxy is a host: it holds the vault in this process, agent or not.
  session.openVaultHere();
  await session.unlock();
  const core = await session.core();
  const print = (line: string, json: unknown) => environment.stdout(options.json ? JSON.stringify(json) : line);
  const runtime = await startRuntime(core, { listener: 'none', gateway: portOverride === undefined ? {} : { port: portOverride }, report: (report) => print(`${new Date().toISOString()}  ${report.message}`, { event: report.kind, ...report }) });
  const off = core.events.on('vault.locked', ({ reason }) => print(`${new Date().toISOString()}  the vault locked (${reason}): AI calls are refused until it is unlocked; restart keywarden proxy.`, { event: 'vault.locked', reason }));
  const active = core.gateway.tokens.list().filter((token) => token.revokedAt === null).length;
  const autoLock = core.vault.autoLockMinutes();
  print(
    [
      formatStatus(runtime.gateway),
      `${active} active local token(s)${active === 0 ? ': make one with keywarden proxy tokens create --label <label> --key <key>' : '.'}`,
      ...(autoLock > 0 ? [`Auto-lock is on (${autoLock} min): once the vault locks, AI calls are refused. To keep it open: keywarden vault auto-lock 0`] : []),
      'Press Ctrl-C to stop.',
    ].join('\n'),
    { event: 'listening', ...runtime.gateway },
  );
  const signal = await untilStopped();
  off();
  await runtime.stop();
  return { json: { event: 'stopped', signal }, text: `Stopped (${signal}).` };
}

export function registerProxyCommands(program: Command, run: Run, environment: RunnerEnvironment): void {
  const json = () => Boolean(program.opts<{ json?: boolean }>().json);
  const gateway = program
    .command('proxy')
    .description('run the local AI gateway in the foreground (programs call it with a local token instead of a real key; unlocks the vault); Ctrl-C stops it. Subcommands manage tokens, budgets, prices and settings')
    .option('--port <n>', 'port to bind on 127.0.0.1 (default from proxy settings: 8788; 0 = any free port)')
    .option('--passphrase-file <path>', 'read the vault passphrase from this owner-only (chmod 600) file instead of KEYWARDEN_PASSPHRASE')
    .action(run(async (session, options: { port?: string; passphraseFile?: string }) => proxy(session, environment, { ...options, json: json() })));

  gateway
    .command('status')
    .description('whether the AI gateway runs, where, and the base URL to give each SDK')
    .action(run(async (session) => {
      const status = await session.call('gateway.status', {});
      return { json: status, text: formatStatus(status) };
    }));

  const tokens = gateway.command('tokens').description('local tokens: what programs call the gateway with');
  tokens
    .command('create')
    .description('make a local token allowed the given AI keys (one per provider) and print it, ONCE')
    .requiredOption('--label <label>', 'what the token is for, e.g. "research bot"')
    .requiredOption('--key <key>', 'an AI key it may use, by id or label (repeatable)', collect)
    .action(run(async (session, options: { label: string; key: string[] }) => {
      await session.unlock();
      const issued = await session.call('gateway.tokens.create', { label: options.label, keys: options.key });
      return { json: issued, text: formatIssued(issued) };
    }));
  tokens
    .command('list')
    .description('local tokens with their keys and this month\'s calls, tokens and cost (never a token itself)')
    .action(run(async (session) => {
      await session.unlock();
      const list = await session.call('gateway.tokens.list', {});
      return { json: list, text: formatTokens(list) };
    }));
  tokens
    .command('revoke <token>')
    .description('revoke a local token (by id, or its label): it stops working at once')
    .action(run(async (session, ref: string) => {
      await session.unlock();
      const revoked = await session.call('gateway.tokens.revoke', { ref });
      return { json: revoked, text: `Revoked local token "${revoked.label}" (${revoked.id}); programs using it are refused from now on.` };
    }));

  gateway
    .command('budget [key]')
    .description('show each AI key\'s monthly budget (USD) and calls-per-minute cap, or set them for one key')
    .option('--monthly-usd <usd>', 'refuse calls once the key has spent this much this calendar month (UTC), counted from the price table')
    .option('--no-monthly-usd', 'no monthly budget')
    .option('--rpm <n>', 'at most this many calls a minute')
    .option('--no-rpm', 'no calls-per-minute cap')
    .action(run(async (session, ref: string | undefined, options: { monthlyUsd?: string | false; rpm?: string | false }) => {
      const change = {
        ...(options.monthlyUsd === false ? { monthlyUsd: null } : typeof options.monthlyUsd === 'string' ? { monthlyUsd: positiveNumberArgument(options.monthlyUsd, '--monthly-usd') } : {}),
        ...(options.rpm === false ? { requestsPerMinute: null } : typeof options.rpm === 'string' ? { requestsPerMinute: wholeNumberArgument(options.rpm, '--rpm') } : {}),
      };
      if (ref === undefined && Object.keys(change).length > 0) throw new KeywardenError('INVALID_INPUT', 'Name the key whose budget to set: keywarden proxy budget <key> --monthly-usd <usd> --rpm <n>.');
      await session.unlock();
      if (ref !== undefined && Object.keys(change).length > 0) await session.call('gateway.budgets.set', { ref, ...change });
      const lines = await session.call('gateway.budgets.get', {});
      const shown = ref === undefined ? lines : lines.filter((line) => line.credentialId === ref || line.label.toLowerCase() === ref.trim().toLowerCase());
      return { json: shown, text: formatBudgets(shown) };
    }));

  const prices = gateway
    .command('prices')
    .description('the price table budgets are counted in (USD per million input and output tokens)')
    .action(run(async (session) => {
      await session.unlock();
      const priceTable = await session.call('gateway.prices.get', {});
      return { json: priceTable, text: formatPrices(priceTable) };
    }));
  prices
    .command('set <model>')
    .description('set a model\'s price, for one provider (--provider) or any')
    .requiredOption('--input-usd-per-mtok <usd>', 'US dollars per million input (prompt) tokens')
    .requiredOption('--output-usd-per-mtok <usd>', 'US dollars per million output (answer) tokens')
    .option('--provider <id>', 'only for this AI provider (openai, anthropic, groq, …)')
    .action(run(async (session, model: string, options: { inputUsdPerMtok: string; outputUsdPerMtok: string; provider?: string }) => {
      const inputUsdPerMTok = nonNegativeNumberArgument(options.inputUsdPerMtok, '--input-usd-per-mtok');
      const outputUsdPerMTok = nonNegativeNumberArgument(options.outputUsdPerMtok, '--output-usd-per-mtok');
      await session.unlock();
      const priceTable = await session.call('gateway.prices.set', { model, inputUsdPerMTok, outputUsdPerMTok, ...(options.provider ? { provider: options.provider } : {}) });
      return { json: priceTable, text: formatPrices(priceTable) };
    }));
  prices
    .command('remove <model>')
    .description('remove a model\'s price (its calls then have no known cost, and are refused under a budget)')
    .option('--provider <id>', 'the entry for this provider (default: the one for any provider)')
    .action(run(async (session, model: string, options: { provider?: string }) => {
      await session.unlock();
      const priceTable = await session.call('gateway.prices.remove', { model, ...(options.provider ? { provider: options.provider } : {}) });
      return { json: priceTable, text: formatPrices(priceTable) };
    }));

  gateway
    .command('settings')
    .description('show or change the AI gateway settings')
    .option('--enable', 'run the gateway with the desktop app')
    .option('--disable', 'do not run it with the desktop app')
    .option('--port <n>', 'port to bind on 127.0.0.1')
    .option('--max-body-mib <n>', 'largest request body taken in, in MiB')
    .option('--max-concurrent <n>', 'calls forwarded at the same time')
    .action(run(async (session, options: { enable?: boolean; disable?: boolean; port?: string; maxBodyMib?: string; maxConcurrent?: string }) => {
      if (options.enable && options.disable) throw new KeywardenError('INVALID_INPUT', 'Choose --enable or --disable, not both.');
      // commander gives `--port` after `proxy settings` to `proxy` itself, whose option has the same name.
      const portText = options.port ?? gateway.opts<{ port?: string }>().port;
      const patch = {
        ...(options.enable ? { enabled: true } : options.disable ? { enabled: false } : {}),
        ...(portText !== undefined ? { port: port(portText) } : {}),
        ...(options.maxBodyMib !== undefined ? { maxBodyBytes: Math.round(positiveNumberArgument(options.maxBodyMib, '--max-body-mib') * 1024 * 1024) } : {}),
        ...(options.maxConcurrent !== undefined ? { maxConcurrent: wholeNumberArgument(options.maxConcurrent, '--max-concurrent') } : {}),
      };
      await session.unlock();
      const settings = Object.keys(patch).length > 0 ? await session.call('gateway.settings.set', patch) : await session.call('gateway.settings.get', {});
      const text = [
        `Runs with the desktop app: ${settings.enabled ? 'yes' : 'no'}`,
        `Address: ${settings.host}:${settings.port}`,
        `Largest body: ${(settings.maxBodyBytes / 1024 / 1024).toFixed(1)} MiB`,
        `Calls at once: ${settings.maxConcurrent}`,
      ].join('\n');
      return { json: settings, text };
    }));
}
