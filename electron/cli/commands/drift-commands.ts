/**
 * `keywarden webhook drift …`: position drift from the terminal (core/webhook/position-drift.ts).
 * `fix` places the order that brings the account in line, through the risk gate, only with --yes;
 * without it, it shows what would be placed and what the gate says.
 */
import type { Command } from 'commander';
import type { DriftInfo } from '../../api/contract-schemas';
import type { Run } from '../command-runner';
import { formatDate, table } from '../output';

/** Exit code when nothing was placed (the gate refused, or a preview the gate would refuse), as `trade` uses. */
const NOT_PLACED = 5;

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;

function formatDrifts(drifts: readonly DriftInfo[]): string {
  if (drifts.length === 0) return 'No position drift: every account holds what its strategy\'s alerts say.';
  return table(['ID', 'FOUND', 'SOURCE', 'ACCOUNT', 'MARKET', 'EXPECTED', 'HELD', 'DIFFERENCE', 'STATE'], drifts.map((d) => [
    d.id, formatDate(d.detectedAt), d.sourceLabel, d.accountLabel, d.symbol, `${d.expected} ${d.base}`, `${d.actual} ${d.base}`, `${signed(d.difference)} ${d.base}`, d.status,
  ]));
}

export function registerDriftCommands(webhook: Command, run: Run, setExitCode: (code: number) => void): void {
  const drift = webhook.command('drift').description('position drift: accounts holding more or less than their strategy\'s position (a lost or doubled alert)');

  drift
    .command('list', { isDefault: true })
    .description('open drifts, newest first')
    .option('--all', 'also dismissed and fixed ones')
    .action(run(async (session, options: { all?: boolean }) => {
      await session.unlock();
      const drifts = await session.call('webhook.drift.list', options.all ? { all: true } : {});
      return { json: drifts, text: formatDrifts(drifts) };
    }));

  drift
    .command('fix <id>')
    .description('bring the account in line: a market order for the difference, through the risk gate (shows it first; --yes places it)')
    .option('--yes', 'place the order')
    .action(run(async (session, id: string, options: { yes?: boolean }) => {
      await session.unlock();
      if (!options.yes) {
        const preview = await session.call('webhook.drift.preview', { id });
        if (!preview.decision.allowed) setExitCode(NOT_PLACED);
        const verdict = preview.decision.allowed ? 'The risk gate allows it. Run again with --yes to place it.' : `The risk gate would refuse it: ${preview.decision.message}`;
        return { json: preview, text: `Would place a market order of ${preview.amount} ${preview.base} on ${preview.symbol} (about $${preview.notionalUsd.toFixed(2)}). ${verdict}` };
      }
      const result = await session.call('webhook.drift.fix', { id });
      if (result.drift.status !== 'fixed') setExitCode(NOT_PLACED);
      return { json: result, text: result.drift.status === 'fixed' ? `Placed order ${result.order.id} (${result.order.side} ${result.order.amount} ${result.drift.base}): ${result.order.message}` : `Not placed (${result.order.status}): ${result.order.message}` };
    }));

  drift
    .command('dismiss <id>')
    .description('accept the holding as it is; later alerts compare from it')
    .action(run(async (session, id: string) => {
      await session.unlock();
      const dismissed = await session.call('webhook.drift.dismiss', { id });
      return { json: dismissed, text: `Dismissed drift ${dismissed.id}: ${dismissed.accountLabel} keeps ${dismissed.actual} ${dismissed.base} on ${dismissed.symbol}.` };
    }));
}
