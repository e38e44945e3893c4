/** `usage`: how each key was used, and the keys nobody used for a while (issue 17). */
import type { Command } from 'commander';
import type { Run } from '../command-runner';
import { wholeNumberArgument } from '../number-arguments';
import { formatDate, table } from '../output';

export function registerUsageCommands(program: Command, run: Run): void {
  program
    .command('usage')
    .description('how each key was used over the last days (checks, programs, orders, AI gateway calls; failures; AI tokens and cost), and the keys nobody used')
    .option('--days <n>', 'the period the counts cover, in days', '30')
    .option('--unused-days <n>', 'list keys with no successful use for this many days', '30')
    .action(run(async (session, options: { days: string; unusedDays: string }) => {
      const days = wholeNumberArgument(options.days, '--days');
      const unusedDays = wholeNumberArgument(options.unusedDays, '--unused-days');
      await session.unlock();
      const report = await session.call('usage.report', { days, unusedDays });
      const uses = (counts: { ok: number; failed: number }) => (counts.failed === 0 ? String(counts.ok) : `${counts.ok} (+${counts.failed} failed)`);
      const lines = [
        `Uses in the last ${report.days} days:`,
        table(
          ['LABEL', 'PROVIDER', 'CHECKS', 'PROGRAMS', 'ORDERS', 'AI CALLS', 'TOKENS IN/OUT', 'COST', 'LAST USED'],
          report.keys.map((key) => [
            key.label, key.provider, uses(key.verification), uses(key.release), uses(key.order), uses(key.gateway),
            key.tokensIn + key.tokensOut === 0 ? '—' : `${key.tokensIn}/${key.tokensOut}`,
            key.costUsd === null ? '—' : `$${key.costUsd.toFixed(2)}`,
            formatDate(key.lastUsedAt),
          ]),
        ),
        '',
        report.unused.length === 0
          ? `No key has gone unused for ${report.unusedDays} days.`
          : [`Not used in ${report.unusedDays} days (revoke what you no longer need: keywarden revoke <key>):`, ...report.unused.map((key) => `  ${key.label} (${key.provider}), last used ${formatDate(key.lastUsedAt)}`)].join('\n'),
      ];
      return { json: report, text: lines.join('\n') };
    }));
}
