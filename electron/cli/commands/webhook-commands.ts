/**
 * `serve` and `webhook …`: the TradingView webhook from the terminal. `serve` runs the listener in
 * the foreground (for a server that runs it all day); the `webhook` commands manage alert sources
 * and their tokens, settings, the event record, and write or simulate alert messages.
 * A token is printed exactly once: by `create-source` and `rotate-token`.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { AlertMessageRequest, IssuedToken, Simulation, WebhookEventInfo, WebhookRefusalCount, WebhookSettingsPatch, WebhookSourceInfo, WebhookStatus } from '../../api/contract-schemas';
import { KeywardenError } from '../../api/errors';
import { refusalSummary } from '../../shared/refusal-summary';
import { readPassphraseFile } from '../passphrase-file';
import type { CliSession } from '../cli-session';
import type { Run, RunnerEnvironment } from '../command-runner';
import { positiveNumberArgument, wholeNumberArgument } from '../number-arguments';
import { formatDate, table } from '../output';
import { untilStopped } from '../until-stopped';
import { registerDriftCommands } from './drift-commands';

/** Exit code of `webhook simulate` when the alert would not be placed, so scripts notice. */
const WOULD_NOT_PLACE = 5;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** An amount, price, cap or rate, read by the app's one number rule; undefined when not given. */
function number(value: string | undefined, what: string): number | undefined {
  return value === undefined ? undefined : positiveNumberArgument(value, what);
}

/** A port, a count, seconds or minutes: a whole number; undefined when not given. */
function count(value: string | undefined, what: string): number | undefined {
  return value === undefined ? undefined : wholeNumberArgument(value, what);
}

function side(value: string | undefined): 'buy' | 'sell' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'buy' && value !== 'sell') throw new KeywardenError('INVALID_INPUT', '--side must be buy or sell.');
  return value;
}

function formatScope(source: WebhookSourceInfo): string {
  const { scope } = source;
  return [
    scope.accounts?.length ? `accounts ${(source.accountLabels ?? scope.accounts).join(', ')}` : 'no account named',
    scope.symbols ? `symbols ${scope.symbols.join(', ')}` : 'any symbol',
    scope.sides ? `${scope.sides.join('/')} only` : 'buy and sell',
    scope.maxNotionalUsd !== null ? `at most $${scope.maxNotionalUsd} per order` : 'no per-order cap',
  ].join(' · ');
}

/** enabled, DISABLED, or NEEDS ATTENTION: enabled by an earlier version without accounts or a cap, so its alerts are refused. */
function formatState(source: WebhookSourceInfo): string {
  if (!source.enabled) return 'DISABLED';
  return source.missingScope.length > 0 ? 'NEEDS ATTENTION' : 'enabled';
}

/** What to run for each source that lacks accounts or a cap. */
function attentionLines(sources: readonly WebhookSourceInfo[]): string[] {
  return sources
    .filter((s) => s.missingScope.length > 0)
    .map((s) => `"${s.label}" needs ${s.missingScope.map((gap) => (gap === 'accounts' ? 'an account' : 'a per-order cap')).join(' and ')} ${s.enabled ? 'before its alerts are accepted again' : 'before it can be enabled'}: keywarden webhook update-source "${s.label}" --account <id or label> --max-notional <usd>`);
}

function formatIssued(issued: IssuedToken, verb: string): string {
  const lines = [
    `${verb} "${issued.source.label}" (${issued.source.id}): ${formatScope(issued.source)}.`,
    '',
    'Webhook URL for TradingView (shown ONCE: Keywarden keeps only a hash of the token):',
    `  ${issued.urlPrefix}${issued.oneTimeToken}`,
  ];
  if (!issued.publicUrl) lines.push('', 'This is the local address: TradingView needs your public https address in front of it (see keywarden webhook url).');
  if (issued.source.previousValidUntil !== null) lines.push('', `The previous token keeps working until ${formatDate(issued.source.previousValidUntil)} UTC; update your alerts before then.`);
  return lines.join('\n');
}

function formatStatus(status: WebhookStatus): string {
  const lines = [
    status.running ? `Listening on ${status.localUrl}` : `Listener not running here (it binds ${status.host}:${status.port}; start it with keywarden serve, or enable it in the app).`,
    status.publicWebhookUrlPrefix
      ? `Paste into TradingView: ${status.publicWebhookUrlPrefix}<token>   (the token was shown when the source was created or rotated)`
      : 'No public URL set. TradingView delivers only to ports 80/443 of a public IPv4 address: put a reverse proxy with TLS (Caddy, nginx) or a tunnel in front of the listener, then run: keywarden webhook settings --public-url https://your.domain',
    `${status.sources} alert source(s)${status.sources === 0 ? ': create one with keywarden webhook create-source <label> --account <id or label> --max-notional <usd>' : ''}.`,
  ];
  if (status.paused) lines.push('Trading is PAUSED: alerts are refused until you run keywarden resume.');
  return lines.join('\n');
}

function formatEvents(events: readonly WebhookEventInfo[]): string {
  if (events.length === 0) return 'No webhook requests received yet.';
  return table(
    ['ID', 'TIME', 'SOURCE', 'FROM', 'HTTP', 'OUTCOME', 'ORDER', 'MESSAGE'],
    events.map((e) => [String(e.id), formatDate(e.receivedAt), e.sourceLabel ?? e.sourceId ?? '—', e.remoteAddress ?? '', String(e.httpStatus), e.outcome, e.orderId ?? '', e.message.length > 100 ? `${e.message.slice(0, 99)}…` : e.message]),
  );
}

/** Refusals counted instead of recorded (no valid token, rate-limited), after the events. */
function formatRefusalCounts(counts: readonly WebhookRefusalCount[]): string {
  if (counts.length === 0) return '';
  return `\n\nCounted, not recorded one by one (no valid token, or rate-limited):\n${counts.map((c) => `  ${c.reason}: ${refusalSummary(c)}`).join('\n')}`;
}

function formatSimulation(simulation: Simulation): string {
  const lines = [`TradingView would send (Content-Type: ${simulation.contentType}):`, ...simulation.renderedBody.split('\n').map((line) => `  ${line}`), ''];
  if (simulation.unfilledPlaceholders.length) lines.push(`Left unfilled: ${simulation.unfilledPlaceholders.join(', ')}`, '');
  lines.push(`Keywarden would answer ${simulation.httpStatus} (${simulation.outcome}): ${simulation.message}`);
  if (simulation.intent) {
    const i = simulation.intent;
    lines.push(`Order intent: ${i.side} ${i.amount}${i.amountUnit === 'quote' ? ' (quote)' : ''} ${i.symbol} ${i.type}${i.price !== null ? ` @ ${i.price}` : ''} on account ${i.account}`, `Idempotency key: ${i.idempotencyKeyPreview}`);
  }
  if (simulation.decision) lines.push(`Risk gate: ${simulation.decision.allowed ? 'allowed' : `BLOCKED (${simulation.decision.rule})`}: ${simulation.decision.message}`);
  if (simulation.order) lines.push(`Sized: ${simulation.order.amount} ${simulation.order.symbol} at about ${simulation.order.price}, value $${simulation.order.notionalUsd.toFixed(2)}${simulation.order.paper ? ' (paper)' : ''}`);
  lines.push('Nothing was placed.');
  return lines.join('\n');
}

interface MessageOptions {
  strategy?: boolean;
  side?: string;
  amount?: string;
  unit?: string;
  type?: string;
  price?: string;
  outcome?: string;
  tokenInBody?: boolean;
  accounts?: string;
  perpetual?: boolean;
}

/**
 * The accounts and symbol of `message`/`simulate`: `<account> <symbol>`, or `--accounts a,b <symbol>`
 * (one alert for several accounts).
 */
function alertTarget(first: string | undefined, second: string | undefined, options: MessageOptions): { account?: string; accounts?: string[]; symbol: string } | undefined {
  if (options.accounts === undefined) return first !== undefined && second !== undefined ? { account: first, symbol: second } : undefined;
  if (second !== undefined) throw new KeywardenError('INVALID_INPUT', 'With --accounts, give only the symbol: keywarden webhook message --accounts <a,b> <symbol>.');
  const accounts = options.accounts.split(',').map((ref) => ref.trim()).filter(Boolean);
  return first !== undefined ? { accounts, symbol: first } : undefined;
}

function messageRequest(target: { account?: string; accounts?: string[]; symbol: string }, options: MessageOptions): AlertMessageRequest {
  if (options.strategy && (options.side !== undefined || options.amount !== undefined)) throw new KeywardenError('INVALID_INPUT', 'Choose --strategy (side and amount from the strategy) or --side and --amount, not both.');
  if (!options.strategy && (options.side === undefined || options.amount === undefined)) throw new KeywardenError('INVALID_INPUT', 'Give --strategy, or a fixed --side buy|sell and --amount N.');
  if (options.unit !== undefined && options.unit !== 'base' && options.unit !== 'quote' && options.unit !== 'percent') throw new KeywardenError('INVALID_INPUT', '--unit must be base, quote or percent.');
  if (options.type !== undefined && options.type !== 'market' && options.type !== 'limit') throw new KeywardenError('INVALID_INPUT', '--type must be market or limit.');
  const price = number(options.price, '--price');
  const amount = number(options.amount, '--amount');
  return {
    ...target,
    ...(options.outcome !== undefined ? { outcome: options.outcome } : {}),
    mode: options.strategy ? 'strategy' : 'indicator',
    ...(options.side !== undefined ? { side: side(options.side) } : {}),
    ...(amount !== undefined ? { amount } : {}),
    ...(options.unit ? { unit: options.unit as 'base' | 'quote' | 'percent' } : {}),
    ...(options.type ? { type: options.type as 'market' | 'limit' } : {}),
    ...(price !== undefined ? { price } : {}),
    ...(options.tokenInBody ? { tokenIn: 'body' as const } : {}),
    ...(options.perpetual ? { market: 'perpetual' as const } : {}),
  };
}

function withMessageOptions(command: Command): Command {
  return command
    .option('--strategy', 'side and amount come from the strategy ({{strategy.order.action}}, {{strategy.order.contracts}})')
    .option('--side <side>', 'fixed side for an indicator or price alert: buy or sell')
    .option('--amount <n>', 'fixed amount for an indicator or price alert')
    .option('--unit <unit>', 'base (amount of the coin, default), quote (amount to spend, e.g. USDT) or percent (of the free balance of what the order spends, at most 100)')
    .option('--accounts <a,b>', 'one alert for several accounts (ids or labels, comma-separated): give only <symbol> then')
    .option('--type <type>', 'market (default) or limit')
    .option('--price <p>', 'limit price (default: {{strategy.order.price}} or {{close}})')
    .option('--outcome <name>', 'Polymarket: the outcome to trade when <symbol> is a market slug (Yes, No, …)')
    .option('--perpetual', 'the alert is on a USDT perpetual chart ({{ticker}} renders BTCUSDT.P): a strategy message adds market_position, so flat closes (a fixed BTCUSDT.P needs no flag)');
}

async function serve(session: CliSession, environment: RunnerEnvironment, options: { host?: string; port?: string; allowLan?: boolean; passphraseFile?: string; json: boolean }): Promise<{ json: unknown; text: string }> {
  // The core's modules load only here: the other webhook commands may be answered by the agent.
  const { assertLanConfirmed, startRuntime } = await import('../../api/core-host');
  if (options.host !== undefined) assertLanConfirmed(options.host, options.allowLan === true);
  if (options.passphraseFile !== undefined) session.usePassphrase(readPassphraseFile(options.passphraseFile));
  // serve is a host: it holds the vault in this process, agent or not.
  session.openVaultHere();
  await session.unlock();
  const core = await session.core();
  const print = (line: string, json: unknown) => environment.stdout(options.json ? JSON.stringify(json) : line);
  const port = count(options.port, '--port');
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) throw new KeywardenError('INVALID_INPUT', '--port must be a whole number from 0 to 65535.');
  const runtime = await startRuntime(core, { listener: { host: options.host, port }, report: (report) => print(`${new Date().toISOString()}  ${report.message}`, { event: report.kind, ...report }) });
  const status = runtime.listener;
  const unsubscribe = [
    core.events.on('webhook.alert', (alert) => print(`${new Date().toISOString()}  alert ${alert.eventId}: ${alert.outcome}${alert.orderId ? ` (order ${alert.orderId})` : ''} — ${alert.message}`, { event: 'webhook.alert', ...alert })),
    core.events.on('vault.locked', ({ reason }) => print(`${new Date().toISOString()}  the vault locked (${reason}): alerts are refused until it is unlocked; restart keywarden serve.`, { event: 'vault.locked', reason })),
    core.events.on('trading.paused', ({ paused }) => print(`${new Date().toISOString()}  trading ${paused ? 'PAUSED: alerts are refused' : 'resumed'}.`, { event: 'trading.paused', paused })),
  ];
  // The desktop app's notifications, as lines (issue 19): failed orders, key checks, rate-limited refusals.
  const { notifyFromCoreEvents, noticeLine } = await import('../../api/notifications/cli-notices');
  unsubscribe.push(notifyFromCoreEvents({ core, show: (notice) => print(noticeLine(notice, Date.now()), { event: 'notice', ...notice }) }).stop);
  const sources = core.webhook.sources.list();
  const autoLock = core.vault.autoLockMinutes();
  print(
    [
      formatStatus(status),
      ...sources.map((s) => `  source "${s.label}" (${s.id})${formatState(s) === 'enabled' ? '' : ` ${formatState(s)}`}: ${formatScope(s)}`),
      ...attentionLines(sources).map((line) => `  ${line}`),
      ...(autoLock > 0 ? [`Auto-lock is on (${autoLock} min): once the vault locks, alerts are refused. For a server, turn it off: keywarden vault auto-lock 0`] : []),
      'Press Ctrl-C to stop.',
    ].join('\n'),
    { event: 'listening', ...status },
  );
  const signal = await untilStopped();
  for (const off of unsubscribe) off();
  await runtime.stop();
  return { json: { event: 'stopped', signal }, text: `Stopped (${signal}).` };
}

export function registerWebhookCommands(program: Command, run: Run, environment: RunnerEnvironment): void {
  program
    .command('serve')
    .description('run the TradingView webhook listener in the foreground (unlocks the vault; also re-verifies keys on schedule); Ctrl-C stops it')
    .option('--host <ip>', 'address to bind (default from webhook settings: 127.0.0.1)')
    .option('--port <n>', 'port to bind (default from webhook settings: 8787; 0 = any free port)')
    .option('--allow-lan', 'confirm a --host other than loopback (plain HTTP, tokens visible on the network)')
    .option('--passphrase-file <path>', 'read the vault passphrase from this owner-only (chmod 600) file instead of KEYWARDEN_PASSPHRASE')
    .action(run(async (session, options: { host?: string; port?: string; allowLan?: boolean; passphraseFile?: string }) => serve(session, environment, { ...options, json: Boolean(program.opts<{ json?: boolean }>().json) })));

  const webhook = program.command('webhook').description('TradingView webhook: alert sources and tokens, settings, received alerts, alert messages');
  registerDriftCommands(webhook, run, environment.setExitCode);

  webhook
    .command('url')
    .description('where the listener is and the URL to paste into TradingView')
    .action(run(async (session) => {
      await session.unlock();
      const status = await session.call('webhook.status', {});
      return { json: status, text: formatStatus(status) };
    }));

  webhook
    .command('create-source <label>')
    .description('create an alert source that may trade the accounts given with --account, at most --max-notional USD per order (both required), and print its webhook URL with the token, ONCE; narrow it further with --symbol, --side')
    .option('--account <ref>', 'an account it may trade, by id or label (required; repeatable)', collect)
    .option('--max-notional <usd>', 'at most this much (USD) per order (required)')
    .option('--symbol <symbol>', 'only this unified symbol, e.g. BTC/USDT (repeatable)', collect)
    .option('--side <side>', 'only buy or only sell')
    .action(run(async (session, label: string, options: { account?: string[]; symbol?: string[]; side?: string; maxNotional?: string }) => {
      const sideOnly = side(options.side);
      const maxNotional = number(options.maxNotional, '--max-notional');
      await session.unlock();
      const issued = await session.call('webhook.sources.create', {
        label,
        scope: {
          ...(options.account ? { accounts: options.account } : {}),
          ...(options.symbol ? { symbols: options.symbol } : {}),
          ...(sideOnly ? { sides: [sideOnly] } : {}),
          ...(maxNotional !== undefined ? { maxNotionalUsd: maxNotional } : {}),
        },
      });
      return { json: issued, text: formatIssued(issued, 'Created alert source') };
    }));

  webhook
    .command('rotate-token <source>')
    .description('give a source a new token (printed once); the old one keeps working for --grace-minutes (default 10; 0 if it leaked)')
    .option('--grace-minutes <n>', 'how long the old token keeps working')
    .action(run(async (session, ref: string, options: { graceMinutes?: string }) => {
      const graceMinutes = count(options.graceMinutes, '--grace-minutes');
      await session.unlock();
      const issued = await session.call('webhook.sources.rotate', { ref, ...(graceMinutes !== undefined ? { graceMinutes } : {}) });
      return { json: issued, text: formatIssued(issued, 'New token for') };
    }));

  webhook
    .command('sources')
    .description('list alert sources and their scopes (tokens are never shown again)')
    .action(run(async (session) => {
      await session.unlock();
      const sources = await session.call('webhook.sources.list', {});
      const text = sources.length === 0
        ? 'No alert sources yet. Create one with: keywarden webhook create-source <label> --account <id or label> --max-notional <usd>'
        : [table(['ID', 'LABEL', 'STATE', 'SCOPE', 'CREATED', 'ROTATED'], sources.map((s) => [s.id, s.label, formatState(s), formatScope(s), formatDate(s.createdAt), formatDate(s.rotatedAt)])), ...attentionLines(sources)].join('\n');
      return { json: sources, text };
    }));

  webhook
    .command('update-source <source>')
    .description('rename a source, enable or disable it, or change its scope')
    .option('--label <label>', 'new label')
    .option('--enable', 'accept its alerts')
    .option('--disable', 'refuse its alerts (403) until enabled again')
    .option('--account <ref>', 'an account it may trade (repeatable; replaces the list)', collect)
    .option('--any-account', 'forget its accounts (only for a disabled source: an enabled one needs at least one)')
    .option('--symbol <symbol>', 'only this unified symbol (repeatable; replaces the list)', collect)
    .option('--any-symbol', 'any symbol')
    .option('--side <side>', 'only buy or only sell')
    .option('--any-side', 'buy and sell')
    .option('--max-notional <usd>', 'at most this much (USD) per order')
    .option('--no-max-notional', 'forget its per-order cap (only for a disabled source: an enabled one needs one)')
    .action(run(async (session, ref: string, options: { label?: string; enable?: boolean; disable?: boolean; account?: string[]; anyAccount?: boolean; symbol?: string[]; anySymbol?: boolean; side?: string; anySide?: boolean; maxNotional?: string | false }) => {
      if (options.enable && options.disable) throw new KeywardenError('INVALID_INPUT', 'Choose --enable or --disable, not both.');
      const sideOnly = side(options.side);
      const scope = {
        ...(options.anyAccount ? { accounts: null } : options.account ? { accounts: options.account } : {}),
        ...(options.anySymbol ? { symbols: null } : options.symbol ? { symbols: options.symbol } : {}),
        ...(options.anySide ? { sides: null } : sideOnly ? { sides: [sideOnly] } : {}),
        ...(options.maxNotional === false ? { maxNotionalUsd: null } : typeof options.maxNotional === 'string' ? { maxNotionalUsd: number(options.maxNotional, '--max-notional') } : {}),
      };
      await session.unlock();
      const updated = await session.call('webhook.sources.update', {
        ref,
        ...(options.label !== undefined ? { label: options.label } : {}),
        ...(options.enable ? { enabled: true } : options.disable ? { enabled: false } : {}),
        ...(Object.keys(scope).length ? { scope } : {}),
      });
      return { json: updated, text: [`"${updated.label}" (${updated.id}) ${formatState(updated)}: ${formatScope(updated)}.`, ...attentionLines([updated])].join('\n') };
    }));

  webhook
    .command('delete-source <source>')
    .description('delete an alert source: its token stops working at once (--yes to confirm)')
    .option('--yes', 'confirm')
    .action(run(async (session, ref: string, options: { yes?: boolean }) => {
      if (!options.yes) throw new KeywardenError('INVALID_INPUT', 'Deleting a source makes its alerts fail at once. Run again with --yes to confirm.');
      await session.unlock();
      const deleted = await session.call('webhook.sources.delete', { ref });
      return { json: deleted, text: `Deleted alert source "${deleted.label}"; its token no longer works.` };
    }));

  webhook
    .command('events')
    .description('requests the listener received and what became of each, newest first')
    .option('--limit <n>', 'how many', '50')
    .option('--source <source>', 'only this source')
    .action(run(async (session, options: { limit: string; source?: string }) => {
      const limit = count(options.limit, '--limit') ?? 50;
      await session.unlock();
      const events = await session.call('webhook.events.list', { limit, ...(options.source ? { source: options.source } : {}) });
      const counts = options.source ? [] : await session.call('webhook.refusals.list', { hours: 1 });
      return { json: events, text: formatEvents(events) + formatRefusalCounts(counts) };
    }));

  webhook
    .command('refusals')
    .description('requests refused without a valid token, and rate-limited ones: counted per reason and client address, not recorded one by one')
    .option('--hours <n>', 'how far back', '1')
    .action(run(async (session, options: { hours: string }) => {
      const hours = count(options.hours, '--hours') ?? 1;
      await session.unlock();
      const counts = await session.call('webhook.refusals.list', { hours });
      return { json: counts, text: counts.length === 0 ? `No refusals counted in the last ${hours === 1 ? 'hour' : `${hours} hours`}.` : counts.map((c) => `${c.reason}: ${refusalSummary(c, hours)}`).join('\n') };
    }));

  withMessageOptions(webhook.command('message [account] [symbol]'))
    .description('write the exact TradingView alert message (JSON) for an account and symbol ("{{ticker}}" follows the chart), and the URL to paste')
    .option('--token-in-body', 'put the token in the message\'s "secret" field instead of the URL')
    .action(run(async (session, account: string | undefined, symbol: string | undefined, options: MessageOptions) => {
      const target = alertTarget(account, symbol, options);
      if (!target) throw new KeywardenError('INVALID_INPUT', 'Give <account> <symbol>, or --accounts <a,b> <symbol>.');
      const request = messageRequest(target, options);
      await session.unlock();
      const result = await session.call('webhook.message', request);
      return { json: result, text: [result.message, '', `Webhook URL: ${result.url}`, '', ...result.notes.map((note) => `- ${note}`)].join('\n') };
    }));

  withMessageOptions(webhook.command('simulate [account] [symbol]'))
    .description('show what an alert message would do when TradingView sends it (rendered body, content type, order intent, risk decision); places nothing; exit code 5 if it would not be placed')
    .option('--message-file <file>', 'simulate this message (as pasted into TradingView) instead of a generated one')
    .option('--set <name=value>', 'placeholder value, e.g. strategy.order.action=sell (repeatable)', collect)
    .option('--source <source>', 'check the alert against this source\'s scope too')
    .action(run(async (session, account: string | undefined, symbol: string | undefined, options: MessageOptions & { messageFile?: string; set?: string[]; source?: string }) => {
      if (options.messageFile && (account || symbol || options.accounts)) throw new KeywardenError('INVALID_INPUT', 'Give either <account> <symbol> (a generated message) or --message-file, not both.');
      const target = alertTarget(account, symbol, options);
      if (!options.messageFile && !target) throw new KeywardenError('INVALID_INPUT', 'Give <account> <symbol> (or --accounts <a,b> <symbol>) to simulate a generated message, or --message-file <file>.');
      const values: Record<string, string> = {};
      for (const pair of options.set ?? []) {
        const at = pair.indexOf('=');
        if (at <= 0) throw new KeywardenError('INVALID_INPUT', `--set ${pair.slice(0, 40)}: write name=value, e.g. strategy.order.action=sell.`);
        values[pair.slice(0, at).replace(/^\{\{|\}\}$/g, '')] = pair.slice(at + 1);
      }
      let template: string;
      if (options.messageFile) {
        try {
          template = readFileSync(options.messageFile, 'utf8');
        } catch {
          throw new KeywardenError('FILE_UNREADABLE', `Could not read ${options.messageFile.slice(0, 200)}.`);
        }
      }
      await session.unlock();
      template ??= (await session.call('webhook.message', messageRequest(target ?? { symbol: '' }, options))).message;
      const simulation = await session.call('webhook.simulate', { template, ...(Object.keys(values).length ? { values } : {}), ...(options.source ? { source: options.source } : {}) });
      if (simulation.outcome !== 'placed') environment.setExitCode(WOULD_NOT_PLACE);
      return { json: simulation, text: formatSimulation(simulation) };
    }));

  webhook
    .command('settings')
    .description('show or change the listener settings')
    .option('--host <ip>', 'address to bind (127.0.0.1 behind a proxy or tunnel)')
    .option('--allow-lan', 'confirm a --host other than loopback (plain HTTP, tokens visible on the network)')
    .option('--port <n>', 'port to bind')
    .option('--enable', 'start the listener with the desktop app')
    .option('--disable', 'do not start it with the desktop app')
    .option('--public-url <url>', 'your public https address in front of the listener (for the URL to paste)')
    .option('--no-public-url', 'forget the public address')
    .option('--tradingview-ips-only', 'accept only TradingView\'s published addresses')
    .option('--any-ip', 'accept any address (the token still decides)')
    .option('--trusted-proxy <ip>', 'the reverse proxy whose X-Forwarded-For header is believed')
    .option('--no-trusted-proxy', 'believe no X-Forwarded-For header')
    .option('--max-body-bytes <n>', 'largest alert body accepted')
    .option('--max-alert-age <seconds>', 'refuse alerts older than this (0 = off)')
    .option('--dedupe-window <seconds>', 'the same body within this window is one alert')
    .option('--source-rate <perSecond>', 'requests per second per source')
    .option('--source-burst <n>', 'burst per source')
    .option('--global-rate <perSecond>', 'requests per second in total')
    .option('--global-burst <n>', 'burst in total')
    .option('--keep-accepted-days <days>', 'days alerts handed to trading stay in the log (default 90; their orders stay)')
    .option('--keep-refused-days <days>', 'days refused requests stay in the log (default 7)')
    .action(run(async (session, options: { keepAcceptedDays?: string; keepRefusedDays?: string; host?: string; allowLan?: boolean; port?: string; enable?: boolean; disable?: boolean; publicUrl?: string | false; tradingviewIpsOnly?: boolean; anyIp?: boolean; trustedProxy?: string | false; maxBodyBytes?: string; maxAlertAge?: string; dedupeWindow?: string; sourceRate?: string; sourceBurst?: string; globalRate?: string; globalBurst?: string }) => {
      if (options.enable && options.disable) throw new KeywardenError('INVALID_INPUT', 'Choose --enable or --disable, not both.');
      if (options.tradingviewIpsOnly && options.anyIp) throw new KeywardenError('INVALID_INPUT', 'Choose --tradingview-ips-only or --any-ip, not both.');
      const rateLimits = Object.fromEntries(
        ([['sourcePerSecond', options.sourceRate, '--source-rate'], ['sourceBurst', options.sourceBurst, '--source-burst'], ['globalPerSecond', options.globalRate, '--global-rate'], ['globalBurst', options.globalBurst, '--global-burst']] as const)
          .filter(([, value]) => value !== undefined)
          .map(([name, value, flag]) => [name, name.endsWith('Burst') ? count(value, flag) : number(value, flag)]),
      );
      const patch: Record<string, unknown> = {
        ...(options.host !== undefined ? { host: options.host, ...(options.allowLan ? { allowLan: true } : {}) } : {}),
        ...(options.port !== undefined ? { port: count(options.port, '--port') } : {}),
        ...(options.enable ? { enabled: true } : options.disable ? { enabled: false } : {}),
        ...(options.publicUrl === false ? { publicBaseUrl: null } : options.publicUrl !== undefined ? { publicBaseUrl: options.publicUrl } : {}),
        ...(options.tradingviewIpsOnly ? { tradingViewIpsOnly: true } : options.anyIp ? { tradingViewIpsOnly: false } : {}),
        ...(options.trustedProxy === false ? { trustedProxy: null } : options.trustedProxy !== undefined ? { trustedProxy: options.trustedProxy } : {}),
        ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: count(options.maxBodyBytes, '--max-body-bytes') } : {}),
        ...(options.maxAlertAge !== undefined ? { maxAlertAgeSeconds: count(options.maxAlertAge, '--max-alert-age') } : {}),
        ...(options.dedupeWindow !== undefined ? { dedupeWindowSeconds: count(options.dedupeWindow, '--dedupe-window') } : {}),
        ...(Object.keys(rateLimits).length ? { rateLimits } : {}),
        ...(options.keepAcceptedDays !== undefined ? { keepAcceptedDays: count(options.keepAcceptedDays, '--keep-accepted-days') } : {}),
        ...(options.keepRefusedDays !== undefined ? { keepRefusedDays: count(options.keepRefusedDays, '--keep-refused-days') } : {}),
      };
      await session.unlock();
      const settings = Object.keys(patch).length ? await session.call('webhook.settings.set', patch as WebhookSettingsPatch) : await session.call('webhook.settings.get', {});
      const r = settings.rateLimits;
      return {
        json: settings,
        text: [
          `Listener        ${settings.host}:${settings.port}${settings.enabled ? ' (starts with the app)' : ''}`,
          `Public URL      ${settings.publicBaseUrl ?? '— (not set)'}`,
          `Addresses       ${settings.tradingViewIpsOnly ? 'TradingView only' : 'any (the token decides)'}${settings.trustedProxy ? `; X-Forwarded-For from ${settings.trustedProxy}` : ''}`,
          `Body limit      ${settings.maxBodyBytes} bytes`,
          `Alert max age   ${settings.maxAlertAgeSeconds === 0 ? 'off' : `${settings.maxAlertAgeSeconds} s`}; duplicates within ${settings.dedupeWindowSeconds} s`,
          `Kept            accepted alerts ${settings.keepAcceptedDays} days, refused requests ${settings.keepRefusedDays} days (orders stay)`,
          `Rate limits     ${r.sourcePerSecond}/s per source (burst ${r.sourceBurst}), ${r.globalPerSecond}/s in total (burst ${r.globalBurst}), ${r.failuresPerMinute} failures/min per address (burst ${r.failureBurst})`,
          ...(settings.tradingViewIpsOnly && !settings.trustedProxy && /^(127\.|::1$)/.test(settings.host)
            ? ['Note: behind a local proxy or tunnel every request comes from 127.0.0.1; without --trusted-proxy 127.0.0.1, --tradingview-ips-only refuses every alert.']
            : []),
        ].join('\n'),
      };
    }));
}
