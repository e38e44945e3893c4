/** `audit [--verify]`: read the audit log or check it (hash chain and MACs; unlocks first). */
import type { Command } from 'commander';
import { KeywardenError } from '../../api/errors';
import type { Run } from '../command-runner';
import { formatAudit, formatAuditReport } from '../output';

export function registerAuditCommands(program: Command, run: Run, setExitCode: (code: number) => void): void {
  program
    .command('audit')
    .description('show the audit log, newest first; --verify checks that no record was edited, deleted, reordered or cut off (exit code 3 if one was)')
    .option('--verify', 'check the hash chain and the MACs instead of listing (unlocks the vault)')
    .option('--limit <n>', 'how many records to show', '50')
    .option('--action <prefix>', 'only actions starting with this, e.g. credential. or vault.unlock')
    .action(run(async (session, options: { verify?: boolean; limit: string; action?: string }) => {
      if (options.verify) {
        // Only an unlocked vault has the audit key: without it, just the plain hash chain can be checked.
        await session.unlock();
        const report = await session.call('audit.verify', {});
        // A broken chain is a finding, not a crash: print it, but exit non-zero so scripts notice.
        if (!report.ok) setExitCode(3);
        return { json: report, text: formatAuditReport(report) };
      }
      const limit = Number(options.limit);
      if (!Number.isInteger(limit)) throw new KeywardenError('INVALID_INPUT', '--limit must be a whole number.');
      await session.unlock();
      const records = await session.call('audit.list', { limit, ...(options.action ? { actionPrefix: options.action } : {}) });
      return { json: records, text: formatAudit(records) };
    }));
}
