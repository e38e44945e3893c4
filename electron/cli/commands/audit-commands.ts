/**
 * `audit`: read the audit log as sentences, filtered by key, kind, date and words, or export it to
 * CSV; `--verify` checks it (hash chain and MACs; unlocks first). `--action` keeps the raw records
 * for scripts written before the sentences.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { auditKinds, type AuditKind } from '../../shared/audit-kinds';
import { KeywardenError } from '../../api/errors';
import type { Run } from '../command-runner';
import { formatAudit, formatAuditLines, formatAuditReport } from '../output';
import { auditDateRange } from '../audit-dates';

interface AuditOptions {
  verify?: boolean;
  limit: string;
  action?: string;
  key?: string;
  kind?: string;
  since?: string;
  until?: string;
  search?: string;
  csv?: string;
  overwrite?: boolean;
}

export function registerAuditCommands(program: Command, run: Run, setExitCode: (code: number) => void): void {
  program
    .command('audit')
    .description('show the audit log as sentences, newest first, filtered by key, kind, date and words, or write it to a CSV file; --verify checks that no record was edited, deleted, reordered or cut off (exit code 3 if one was)')
    .option('--verify', 'check the hash chain and the MACs instead of listing (unlocks the vault)')
    .option('--limit <n>', 'how many records to show (at most 500)', '50')
    .option('--key <label>', 'only records about this key (its label or id)')
    .option('--kind <kind>', `only this kind of event: ${auditKinds.join(', ')}`)
    .option('--since <date>', 'from this day (YYYY-MM-DD, UTC) or time (ISO 8601)')
    .option('--until <date>', 'up to and including this day (YYYY-MM-DD, UTC), or before this time (ISO 8601)')
    .option('--search <text>', 'only records whose sentence, key or actor contains these words')
    .option('--csv <file>', 'write every matching record to this CSV file instead of listing')
    .option('--overwrite', 'with --csv: replace the file if it exists')
    .option('--action <prefix>', 'raw records whose action starts with this, e.g. credential. (for scripts)')
    .action(run(async (session, options: AuditOptions) => {
      if (options.verify) {
        // Only an unlocked vault has the audit key: without it, just the plain hash chain can be checked.
        await session.unlock();
        const report = await session.call('audit.verify', {});
        // A broken chain is a finding, not a crash: print it, but exit non-zero so scripts notice.
        if (!report.ok) setExitCode(3);
        return { json: report, text: formatAuditReport(report) };
      }
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new KeywardenError('INVALID_INPUT', '--limit must be a whole number, 1 or more.');
      if (options.kind !== undefined && !(auditKinds as readonly string[]).includes(options.kind)) {
        throw new KeywardenError('INVALID_INPUT', `--kind must be one of: ${auditKinds.join(', ')}.`);
      }
      const filter = {
        ...(options.key ? { key: options.key } : {}),
        ...(options.kind ? { kind: options.kind as AuditKind } : {}),
        ...auditDateRange(options.since, options.until),
        ...(options.search ? { search: options.search } : {}),
      };
      await session.unlock();
      if (options.action) {
        const records = await session.call('audit.list', { limit, actionPrefix: options.action });
        return { json: records, text: formatAudit(records) };
      }
      if (options.csv) {
        const file = path.resolve(options.csv);
        const written = await session.call('audit.exportCsv', { filter, file, overwrite: Boolean(options.overwrite) });
        return { json: { file, ...written }, text: `Wrote ${written.rows} record${written.rows === 1 ? '' : 's'} to ${file}.` };
      }
      const page = await session.call('audit.query', { ...filter, limit: Math.min(limit, 500) });
      return { json: page.lines, text: formatAuditLines(page.lines, page.nextBeforeSeq !== null) };
    }));
}
