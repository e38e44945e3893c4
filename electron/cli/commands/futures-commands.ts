/** `leverage`, `close` (and `positions` on an exchange account, via wallet-commands.ts): perpetual futures from the terminal (orders: `trade` with a BTCUSDT.P symbol). */
import type { Command } from 'commander';
import { KeywardenError } from '../../api/errors';
import type { Run } from '../command-runner';
import type { CliSession } from '../cli-session';
import { table } from '../output';

/** Exit code when nothing was closed or an order was not placed, so scripts notice (as `trade`). */
const NOT_DONE = 5;

export function registerFuturesCommands(program: Command, run: Run, setExitCode: (code: number) => void): void {
  program
    .command('leverage <account> <symbol> <leverage>')
    .description('set the leverage (1-125, refused above your max leverage limit) and, with --margin, the margin mode of one perpetual, on the exchange; alerts never change it')
    .option('--margin <mode>', 'isolated or cross')
    .action(run(async (session, account: string, symbol: string, leverage: string, options: { margin?: string }) => {
      if (options.margin !== undefined && options.margin !== 'isolated' && options.margin !== 'cross') throw new KeywardenError('INVALID_INPUT', '--margin must be isolated or cross.');
      await session.unlock();
      // Sent as typed: the core reads it by the one leverage rule ("10x" is 10; "1,5" and "0" are refused).
      const set = await session.call('futures.setLeverage', { account, symbol, leverage, ...(options.margin ? { marginMode: options.margin as 'isolated' | 'cross' } : {}) });
      return { json: set, text: `${set.symbol}: leverage ${set.leverage}x, ${set.marginMode} margin, set on the exchange.` };
    }));

  program
    .command('close <account> <symbol>')
    .description('close the whole position on one perpetual (reduce-only market orders, through the risk gate); nothing is sent when there is none')
    .option('--paper', 'close the paper position')
    .action(run(async (session, account: string, symbol: string, options: { paper?: boolean }) => {
      await session.unlock();
      const results = await session.call('futures.close', { account, symbol, ...(options.paper ? { paper: true } : {}) });
      if (results.some((r) => ['blocked', 'rejected', 'failed', 'unknown'].includes(r.order.status))) setExitCode(NOT_DONE);
      return { json: results, text: results.map((r) => `${r.order.side.toUpperCase()} ${r.order.amount} ${r.order.symbol} (reduce-only): ${r.order.status.toUpperCase()}. ${r.order.message}`).join('\n') };
    }));
}

/** `positions <account>` on an exchange account (wallet-commands.ts routes it here): its perpetual positions. */
export async function futuresPositions(session: Pick<CliSession, 'call'>, account: string): Promise<{ json: unknown; text: string }> {
  const view = await session.call('futures.account', { account });
  const lines = [`"${view.label}": ${view.positionMode ? `${view.positionMode} position mode` : view.note ?? 'position mode unknown'}.`];
  if (view.positions.length === 0) lines.push('No open perpetual positions.');
  else {
    lines.push(table(['symbol', 'side', 'size', 'entry', 'mark', 'leverage', 'margin', 'liquidation', 'PnL', 'by Keywarden'], view.positions.map((p) => [
      p.symbol, p.side, String(p.amount), String(p.entryPrice), String(p.markPrice), p.leverage === null ? '—' : `${p.leverage}x`, p.marginMode ?? '—',
      p.liquidationPrice === null ? '—' : String(p.liquidationPrice), p.unrealizedPnl.toFixed(2), String(p.openedByKeywarden),
    ])));
  }
  if (view.paperPositions.length > 0) lines.push(`Paper: ${view.paperPositions.map((p) => `${p.symbol} ${p.amount > 0 ? 'long' : 'short'} ${Math.abs(p.amount)} @ ${p.averagePrice}`).join('; ')}.`);
  if (view.settings.length > 0) lines.push(`Leverage you set: ${view.settings.map((s) => `${s.symbol} ${s.leverage}x ${s.marginMode}`).join('; ')}.`);
  return { json: view, text: lines.join('\n') };
}

/** Panic's positions step (`panic --close-positions`): the preview, or the close of exactly what it showed. */
export async function panicPositions(session: Pick<CliSession, 'call'>, confirmation: string | true): Promise<{ closed: boolean; text: string; json: unknown }> {
  if (confirmation === true) {
    const preview = await session.call('futures.panicPreview', {});
    const list = (items: readonly { label: string; symbol: string; side: string; amount: number }[]) => items.map((i) => `  "${i.label}" ${i.symbol} ${i.side} ${i.amount}`).join('\n') || '  none';
    const text = [`Would close (opened by Keywarden):\n${list(preview.toClose)}`, `Left alone (opened elsewhere):\n${list(preview.leftAlone)}`,
      ...preview.unreadable.map((u) => `Could not read "${u.label}": ${u.message}`),
      preview.toClose.length ? `Nothing was done yet. To close these, then pause, cancel and lock: keywarden panic --close-positions ${preview.confirmation}` : 'No positions to close.'].join('\n');
    return { closed: false, text, json: preview };
  }
  const results = await session.call('futures.panicClose', { confirmation });
  return { closed: true, text: results.map((r) => `Closed ${r.order.symbol}: ${r.order.side} ${r.order.amount} ${r.order.status.toUpperCase()}. ${r.order.message}`).join('\n'), json: results };
}
