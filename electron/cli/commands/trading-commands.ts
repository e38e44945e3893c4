/** `trade`, `orders`, `cancel`, `limits`, `pause`, `resume`, `panic`, `reconcile`: personal trading from the terminal. */
import type { Command } from 'commander';
import { KeywardenError } from '../../api/errors';
import type { MarketSnapshot, OrderInfo, OrderPreview, RiskLimits, RiskUsage } from '../../api/contract-schemas';
import type { Run } from '../command-runner';
import { positiveNumberArgument, wholeNumberArgument } from '../number-arguments';
import { formatDate, table } from '../output';
import { panicPositions } from './futures-commands';

/** Exit code when an order was blocked, rejected or failed, so scripts notice. */
const ORDER_NOT_PLACED = 5;

const usd = (value: number | null) => (value === null ? '—' : `$${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}`);

/** The market as a person knows it: a Polymarket order's slug and outcome, else the symbol. */
const marketOf = (order: OrderInfo): string => order.marketLabel ?? order.symbol;

function formatOrder(order: OrderInfo): string {
  const quote = order.marketLabel !== null ? 'pUSD' : order.symbol.split('/')[1];
  const size = order.requestedUnit === 'quote' ? `${order.requestedAmount} ${quote} of` : `${order.amount}${order.marketLabel !== null ? ' shares of' : ''}`;
  return [
    `${order.paper ? '[paper] ' : ''}${order.side.toUpperCase()} ${size} ${marketOf(order)} ${order.type}${order.type === 'limit' ? ` @ ${order.price}` : ''} on "${order.accountLabel}": ${order.status.toUpperCase()}`,
    `  ${order.message}`,
    `  Order ${order.id} · value ${usd(order.notionalUsd)}${order.exchangeOrderId ? ` · exchange id ${order.exchangeOrderId}` : ''} · client id ${order.clientOrderId}`,
  ].join('\n');
}

/** An amount, price or limit, read by the app's one number rule ("0,001" is 0.001; "1,000" is refused as ambiguous). */
function parseNumber(value: string, what: string): number {
  return positiveNumberArgument(value, what);
}

/** The gate's answer, and how the order was read and valued, as the Trade page shows it. */
function formatPreview(side: string, preview: OrderPreview): string {
  const { base, quote } = preview;
  const lines = [
    `${preview.decision.allowed ? 'Would be allowed' : `Would be BLOCKED (${preview.decision.rule})`}: ${side} ${preview.amount} ${base}${preview.limitPrice !== null ? ` at ${preview.limitPrice} ${quote} (limit)` : ' at the market'}${preview.paper ? ' (paper)' : ''}.`,
    `  Market price ${preview.marketPrice} ${quote}; valued at ${preview.price} ${quote} a ${base}: ${usd(preview.notionalUsd)}.`,
  ];
  if (preview.balance) lines.push(`  Needs ${preview.balance.needed} ${preview.balance.asset}; ${preview.balance.free} ${preview.balance.asset} free.`);
  lines.push(`  ${preview.decision.message}`);
  return lines.join('\n');
}

function formatMarket(market: MarketSnapshot): string {
  const book = market.bid !== null && market.ask !== null ? ` (bid ${market.bid}, ask ${market.ask})` : '';
  const free = market.balances
    ? `Free: ${market.balances.base} ${market.base}, ${market.balances.quote} ${market.quote}.`
    : `Balance not shown: ${market.balanceNote ?? 'unknown.'}`;
  return `${market.symbol}: last ${market.last} ${market.quote}${book}.\n${free}`;
}

function limitRow(name: string, limits: RiskLimits | null, usage: RiskUsage): string[] {
  if (!limits) return [name, 'global limits only', '', '', '', `${usd(usage.dailyNotionalUsd)} today, ${usd(usage.openExposureUsd)} open`, '', ''];
  return [
    name,
    `${limits.tradingEnabled ? 'on' : 'OFF'}${limits.paperMode ? ' (paper)' : ''}`,
    usd(limits.maxOrderNotionalUsd),
    `${usd(usage.dailyNotionalUsd)} / ${usd(limits.maxDailyNotionalUsd)}`,
    `${usd(usage.openExposureUsd)} / ${usd(limits.maxOpenExposureUsd)}`,
    `${usage.ordersLastMinute} / ${limits.maxOrdersPerMinute ?? '—'} per min${limits.symbolAllowList ? ` · only ${limits.symbolAllowList.join(', ')}` : ''}`,
    limits.maxPriceDeviationPct === null ? '—' : `±${limits.maxPriceDeviationPct}%`,
    // Perpetual futures: the most leverage, and the largest position per symbol at full value.
    `${limits.maxLeverage == null ? '—' : `${limits.maxLeverage}x`} / ${usd(limits.maxPositionNotionalUsd ?? null)}`,
  ];
}

export function registerTradingCommands(program: Command, run: Run, setExitCode: (code: number) => void): void {
  program
    .command('trade <account> <symbol> <side> <amount>')
    .description('place an order through the risk gate: side buy|sell; amount in base units, or quote units with --quote (e.g. spend 50 USDT). On a Polymarket account the symbol is the market (slug, link or token id) with --outcome, amounts are shares or, with --quote, pUSD')
    .option('--quote', 'the amount is in the quote currency (USDT in BTC/USDT; pUSD on Polymarket)')
    .option('--outcome <name>', 'Polymarket: the outcome to trade (Yes, No, a candidate\'s name)')
    .option('--fill <fok|fak>', 'Polymarket market orders: fok fills completely or not at all (default), fak fills what the book has and cancels the rest')
    .option('--type <type>', 'market or limit', 'market')
    .option('--price <price>', 'limit price (required for --type limit)')
    .option('--paper', 'simulate the order; nothing is sent to the exchange')
    .option('--preview', 'only show what the risk gate would decide; place nothing')
    .option('--id <key>', 'idempotency key: the same key never places a second order')
    .option('--reduce-only', 'perpetual futures (BTCUSDT.P): only shrink the position, never open or grow one')
    .action(run(async (session, account: string, symbol: string, side: string, amount: string, options: { quote?: boolean; type: string; price?: string; paper?: boolean; preview?: boolean; id?: string; outcome?: string; fill?: string; reduceOnly?: boolean }) => {
      if (side !== 'buy' && side !== 'sell') throw new KeywardenError('INVALID_INPUT', 'The side must be buy or sell.');
      if (options.fill !== undefined && options.fill !== 'fok' && options.fill !== 'fak') throw new KeywardenError('INVALID_INPUT', '--fill must be fok or fak.');
      if (options.type !== 'market' && options.type !== 'limit') throw new KeywardenError('INVALID_INPUT', '--type must be market or limit.');
      await session.unlock();
      const intent = {
        account,
        symbol,
        side,
        type: options.type,
        amount: parseNumber(amount, 'The amount'),
        amountUnit: options.quote ? 'quote' : 'base',
        ...(options.price !== undefined ? { price: parseNumber(options.price, '--price') } : {}),
        ...(options.paper ? { paper: true } : {}),
        ...(options.id ? { idempotencyKey: options.id } : {}),
        ...(options.outcome !== undefined ? { outcome: options.outcome } : {}),
        ...(options.fill !== undefined ? { marketFill: options.fill as 'fok' | 'fak' } : {}),
        ...(options.reduceOnly ? { reduceOnly: true } : {}),
      } as const;
      if (options.preview) {
        const preview = await session.call('trading.preview', intent);
        if (!preview.decision.allowed) setExitCode(ORDER_NOT_PLACED);
        return { json: preview, text: formatPreview(side, preview) };
      }
      const result = await session.call('trading.place', intent);
      if (['blocked', 'rejected', 'failed', 'unknown'].includes(result.order.status)) setExitCode(ORDER_NOT_PLACED);
      return { json: result, text: `${result.duplicate ? 'Already placed with this id (nothing new sent):\n' : ''}${formatOrder(result.order)}` };
    }));

  program
    .command('market <account> <symbol>')
    .description("a market's price now, and the account's free balance of both its coins (Polymarket: the outcome's, with --outcome)")
    .option('--outcome <name>', 'Polymarket: the outcome (Yes, No, …)')
    .action(run(async (session, account: string, symbol: string, options: { outcome?: string }) => {
      await session.unlock();
      const market = await session.call('trading.market', { account, symbol, ...(options.outcome !== undefined ? { outcome: options.outcome } : {}) });
      return { json: market, text: formatMarket(market) };
    }));

  program
    .command('orders')
    .description('order history, newest first')
    .option('--account <account>', 'only this account')
    .option('--open', 'only open orders')
    .option('--limit <n>', 'how many', '50')
    .action(run(async (session, options: { account?: string; open?: boolean; limit: string }) => {
      await session.unlock();
      const orders = await session.call('orders.list', { limit: wholeNumberArgument(options.limit, '--limit'), ...(options.account ? { account: options.account } : {}), ...(options.open ? { statuses: ['open'] } : {}) });
      const text = orders.length === 0 ? 'No orders yet.' : table(['ID', 'WHEN', 'ACCOUNT', 'ORDER', 'VALUE', 'STATUS', 'NOTE'], orders.map((o) => [
        o.id, formatDate(o.createdAt), o.accountLabel, `${o.paper ? '[paper] ' : ''}${o.side} ${o.amount} ${marketOf(o)}${o.type === 'limit' ? ` @ ${o.price}` : ''}`, usd(o.notionalUsd), o.status, o.blockedBy ?? o.errorCode ?? '',
      ]));
      return { json: orders, text };
    }));

  program
    .command('cancel <order>')
    .description('cancel an open order placed by Keywarden')
    .action(run(async (session, id: string) => {
      await session.unlock();
      const order = await session.call('orders.cancel', { id });
      return { json: order, text: formatOrder(order) };
    }));

  const limits = program.command('limits').description('risk limits: global and per account');
  limits
    .command('show', { isDefault: true })
    .description('show the limits and what has been used today')
    .action(run(async (session) => {
      await session.unlock();
      const overview = await session.call('limits.get', {});
      const rows = [limitRow('global', overview.global.limits, overview.global.usage), ...overview.accounts.map((a) => limitRow(`"${a.label}"`, a.limits, a.usage))];
      return { json: overview, text: `${table(['SCOPE', 'TRADING', 'PER ORDER', 'TODAY / DAILY', 'OPEN / MAX', 'RATE', 'PRICE BAND', 'LEVERAGE / POSITION'], rows)}\n\nToday counts what filled, at the price it filled; orders not yet filled count at their estimate. Daily limits reset at 00:00 UTC. Paper trades are counted separately.` };
    }));
  limits
    .command('set')
    .description('change limits; use "none" to remove a limit')
    .option('--account <account>', 'set the limits of this account (default: the global limits)')
    .option('--clear', 'with --account: remove the account\'s own limits (the global ones still apply)')
    .option('--trading <on|off>', 'allow trading at all')
    .option('--paper <on|off>', 'paper mode: simulate every order')
    .option('--symbols <list>', 'comma-separated allow-list (BTC/USDT,ETH/USDT), or "none" for any symbol')
    .option('--max-order <usd>', 'largest order value in USD')
    .option('--max-daily <usd>', 'most value traded per UTC day, in USD')
    .option('--max-exposure <usd>', 'most open buy exposure, in USD')
    .option('--max-per-minute <n>', 'most orders per minute')
    .option('--price-band <percent>', 'refuse a limit price (or an alert\'s price) further than this from the market, e.g. 10')
    .option('--max-leverage <n>', 'perpetual futures: the most leverage allowed (1-125)')
    .option('--max-position <usd>', 'perpetual futures: the largest position per symbol, at full value, in USD')
    .action(run(async (session, options: { account?: string; clear?: boolean; trading?: string; paper?: string; symbols?: string; maxOrder?: string; maxDaily?: string; maxExposure?: string; maxPerMinute?: string; priceBand?: string; maxLeverage?: string; maxPosition?: string }) => {
      const onOff = (value: string, flag: string) => {
        if (value !== 'on' && value !== 'off') throw new KeywardenError('INVALID_INPUT', `${flag} takes on or off.`);
        return value === 'on';
      };
      const limit = (value: string, flag: string) => (value === 'none' ? null : parseNumber(value, flag));
      await session.unlock();
      const overview = await session.call('limits.set', {
        scope: options.account ?? 'global',
        ...(options.clear ? { clear: true } : {}),
        ...(options.trading !== undefined ? { tradingEnabled: onOff(options.trading, '--trading') } : {}),
        ...(options.paper !== undefined ? { paperMode: onOff(options.paper, '--paper') } : {}),
        ...(options.symbols !== undefined ? { symbolAllowList: options.symbols === 'none' ? null : options.symbols.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean) } : {}),
        ...(options.maxOrder !== undefined ? { maxOrderNotionalUsd: limit(options.maxOrder, '--max-order') } : {}),
        ...(options.maxDaily !== undefined ? { maxDailyNotionalUsd: limit(options.maxDaily, '--max-daily') } : {}),
        ...(options.maxExposure !== undefined ? { maxOpenExposureUsd: limit(options.maxExposure, '--max-exposure') } : {}),
        ...(options.maxPerMinute !== undefined ? { maxOrdersPerMinute: options.maxPerMinute === 'none' ? null : wholeNumberArgument(options.maxPerMinute, '--max-per-minute') } : {}),
        ...(options.priceBand !== undefined ? { maxPriceDeviationPct: limit(options.priceBand, '--price-band') } : {}),
        ...(options.maxLeverage !== undefined ? { maxLeverage: options.maxLeverage === 'none' ? null : wholeNumberArgument(options.maxLeverage, '--max-leverage') } : {}),
        ...(options.maxPosition !== undefined ? { maxPositionNotionalUsd: limit(options.maxPosition, '--max-position') } : {}),
      });
      return { json: overview, text: 'Limits saved. Run keywarden limits to see them.' };
    }));

  program
    .command('pause')
    .description('kill switch: stop all trading (manual and webhook) until resumed')
    .option('--reason <text>', 'why (shown in the app and the audit log)')
    .action(run(async (session, options: { reason?: string }) => {
      await session.unlock();
      const state = await session.call('trading.pause', options.reason ? { reason: options.reason } : {});
      return { json: state, text: 'Trading is paused. Nothing will be placed until: keywarden resume' };
    }));

  program
    .command('resume')
    .description('resume trading after a pause or a panic')
    .action(run(async (session) => {
      await session.unlock();
      const state = await session.call('trading.resume', {});
      return { json: state, text: 'Trading resumed.' };
    }));

  program
    .command('panic')
    .description('pause all trading, cancel every open order Keywarden placed, and lock the vault; --close-positions first lists the perpetual positions Keywarden opened, and with the code it prints closes them before pausing')
    .option('--close-positions [confirmation]', 'perpetual futures: without a value, list what would be closed (nothing is done); with the printed code, close those positions, then panic')
    .action(run(async (session, options: { closePositions?: string | true }) => {
      await session.unlock();
      let closed = '';
      if (options.closePositions !== undefined) {
        const step = await panicPositions(session, options.closePositions);
        if (!step.closed) {
          setExitCode(ORDER_NOT_PLACED);
          return { json: step.json, text: step.text };
        }
        closed = `${step.text}\n`;
      }
      const result = await session.call('trading.panic', {});
      if (result.cancelFailed > 0) setExitCode(ORDER_NOT_PLACED);
      return { json: result, text: `${closed}Trading paused. ${result.canceled} open order(s) canceled${result.cancelFailed ? `, ${result.cancelFailed} could NOT be canceled: cancel them on the exchange` : ''}. Vault locked.` };
    }));

  program
    .command('reconcile')
    .description('look up orders whose outcome is unknown (after a crash or network failure) by their client order id')
    .action(run(async (session) => {
      await session.unlock();
      const result = await session.call('trading.reconcile', {});
      return { json: result, text: `Checked ${result.checked} order(s): ${result.updated} updated, ${result.placed} sent now.` };
    }));
}
