/**
 * `keywarden integrity`: which rows that decide whether money moves were changed outside
 * Keywarden, and `integrity acknowledge` to keep one as it is. `keywarden status` shows the same
 * alarms when it can unlock without asking (KEYWARDEN_PASSPHRASE, or a running agent).
 */
import type { Command } from 'commander';
import type { IntegrityAlarm } from '../../api/contract-schemas';
import { protectedTableNames } from '../../shared/protected-names';
import type { Run } from '../command-runner';

/** Exit status when an alarm is up: scripts and monitors can tell "changed outside Keywarden" apart. */
const ALARM_EXIT_CODE = 3;

export function registerIntegrityCommands(program: Command, run: Run, setExitCode: (code: number) => void): void {
  const integrity = program.command('integrity').description('check the MACs of limits, kill switch, alert sources, listener settings and keys');

  integrity
    .command('status', { isDefault: true })
    .description('list the rows changed outside Keywarden (exit 3 when there is one)')
    .action(run(async (session) => {
      await session.unlock();
      const status = await session.call('integrity.status', {});
      if (status.alarms.length > 0) setExitCode(ALARM_EXIT_CODE);
      return { json: status, text: formatIntegrityAlarms(status.alarms) };
    }));

  integrity
    .command('acknowledge <table> <key>')
    .description(`keep a changed row as it is now (table: ${protectedTableNames.join(', ')}); trading stays paused until resumed`)
    .action(run(async (session, table: string, key: string) => {
      await session.unlock();
      const status = await session.call('integrity.acknowledge', { table: table as IntegrityAlarm['table'], key });
      return { json: status, text: `Acknowledged: the row is kept as it is now.\n${formatIntegrityAlarms(status.alarms)}` };
    }));
}

/** One line per alarm, with the command that keeps the row. */
export function formatIntegrityAlarms(alarms: readonly IntegrityAlarm[]): string {
  if (alarms.length === 0) return 'Integrity    every protected row checks out.';
  return [
    `INTEGRITY ALARM: changed outside Keywarden, trading paused:`,
    ...alarms.map((alarm) => `  ${alarm.label}  (${alarm.table} ${alarm.key})`),
    'Save each again in Keywarden, delete it, or keep it with: keywarden integrity acknowledge <table> <key>',
  ].join('\n');
}
