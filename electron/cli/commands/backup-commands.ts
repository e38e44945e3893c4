/** `backup export`, `backup import`, `backup restore` (first run), `import env`: keys out to an encrypted backup file, and back in. */
import type { Command } from 'commander';
import type { ExposureSetting, ImportReport } from '../../api/contract-schemas';
import { exposureSettingNames } from '../../shared/protected-names';
import { KeywardenError } from '../../api/errors';
import type { CliSession } from '../cli-session';
import { CommandFailure } from '../cli-session';
import type { Run } from '../command-runner';
import { formatDate, table } from '../output';
import { promptHidden } from '../terminal-input';
import path from 'node:path';

const BACKUP_PASSPHRASE_VARIABLE = 'KEYWARDEN_BACKUP_PASSPHRASE';

export function registerBackupCommands(program: Command, run: Run, env: NodeJS.ProcessEnv): void {
  const backup = program.command('backup').description('encrypted backups of your keys and settings (passphrase: KEYWARDEN_BACKUP_PASSPHRASE or prompted)');

  backup
    .command('export <file>')
    .description('write every key and the settings to <file>, encrypted under a backup passphrase you choose (asked twice); needs the vault passphrase')
    .option('--force', 'replace <file> if it already exists')
    .action(run(async (session, file: string, options: { force?: boolean }) => {
      // The vault passphrase typed for this invocation confirms the export (the core checks it again).
      const vaultPassphrase = await session.unlockWithPassphrase();
      const passphrase = await newBackupPassphrase(env);
      const result = await session.call('backup.export', { file: path.resolve(file), vaultPassphrase, passphrase, overwrite: Boolean(options.force) });
      return {
        json: result,
        text: [
          `Backup of ${result.credentials} key${result.credentials === 1 ? '' : 's'} written to ${result.file} (owner-only).`,
          'Keep the file and its passphrase apart: without the passphrase the backup cannot be opened, and with both anyone has your keys.',
          'Restore it with: keywarden backup import <file>',
        ].join('\n'),
      };
    }));

  backup
    .command('restore <file>')
    .description('on a new computer: create the vault from a backup; the backup passphrase then also unlocks the vault (change it later with keywarden change-passphrase)')
    .action(run(async (session, file: string) => {
      const passphrase = env[BACKUP_PASSPHRASE_VARIABLE] || (await promptHidden('Backup passphrase (the one chosen at backup export): '));
      const report = await session.call('backup.restoreIntoNewVault', { file: path.resolve(file), passphrase });
      return { json: report, text: `A new vault was created from the backup; it unlocks with the backup passphrase.\n${formatImportReport(report)}` };
    }));

  backup
    .command('import <file>')
    .description('restore a backup into this vault: all or nothing; keys already here are skipped, nothing is overwritten')
    .option('--dry-run', 'only report what would be imported; change nothing')
    .option('--apply-setting <name>', `apply a listener setting from the backup that would let more in (${exposureSettingNames.join(', ')}); repeat for each; by default none is`, collect, [])
    .action(run(async (session, file: string, options: { dryRun?: boolean; applySetting: string[] }) => {
      const applySettings = options.applySetting.map(parseExposureSetting);
      await requireVault(session, `To create the vault from this backup, run: keywarden backup restore ${quoteArgument(file)}`);
      await session.unlock();
      const passphrase = env[BACKUP_PASSPHRASE_VARIABLE] || (await promptHidden('Backup passphrase (the one chosen at backup export): '));
      const report = await session.call('backup.import', { file: path.resolve(file), passphrase, dryRun: Boolean(options.dryRun), applySettings });
      return { json: report, text: formatImportReport(report) };
    }));

  program
    .command('import')
    .description('import keys from other tools')
    .command('env <file>')
    .description('import exchange keys from a .env file (BINANCE_API_KEY + BINANCE_API_SECRET, …); all or nothing, never prints a value')
    .option('--dry-run', 'only report what would be imported; change nothing')
    .action(run(async (session, file: string, options: { dryRun?: boolean }) => {
      await requireVault(session, 'Create a vault first with: keywarden init');
      await session.unlock();
      const report = await session.call('backup.importEnv', { file: path.resolve(file), dryRun: Boolean(options.dryRun) });
      return { json: report, text: formatImportReport(report) };
    }));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseExposureSetting(name: string): ExposureSetting {
  const setting = exposureSettingNames.find((known) => known === name.trim());
  if (!setting) throw new KeywardenError('INVALID_INPUT', `--apply-setting takes one of ${exposureSettingNames.join(', ')}; "${name.slice(0, 32)}" is none of them.`, { field: 'applySettings' });
  return setting;
}

/** The backup passphrase for a new backup: the variable, or asked twice on the terminal. */
async function newBackupPassphrase(env: NodeJS.ProcessEnv): Promise<string> {
  const fromEnv = env[BACKUP_PASSPHRASE_VARIABLE];
  if (fromEnv) return fromEnv;
  const first = await promptHidden('Backup passphrase (10+ characters; without it the backup cannot be restored): ');
  const second = await promptHidden('Repeat the backup passphrase: ');
  if (first !== second) throw new KeywardenError('INVALID_INPUT', 'The two backup passphrases differ. No backup was written.');
  return first;
}

async function requireVault(session: CliSession, whatToDo: string): Promise<void> {
  const status = await session.call('vault.status', {});
  if (!status.initialized) throw new CommandFailure({ code: 'VAULT_NOT_INITIALIZED', message: `There is no vault in ${session.home} yet. ${whatToDo}` });
}

function formatImportReport(report: ImportReport): string {
  const lines: string[] = [];
  const what = report.source === 'backup' ? `backup ${report.file}${report.backupCreatedAt === null ? '' : ` (made ${formatDate(report.backupCreatedAt)})`}` : report.file;
  lines.push(report.dryRun ? `Dry run: nothing was changed. Importing ${what} would do this:` : `Imported from ${what}:`);
  if (report.credentials.length > 0) {
    lines.push(table(
      ['KEY', 'EXCHANGE', 'ENV', 'RESULT'],
      report.credentials.map((c) => [c.label, c.provider, c.environment, describeResult(c, report.dryRun)]),
    ));
  }
  for (const setting of report.settings) {
    const name = `${setting.name.charAt(0).toUpperCase()}${setting.name.slice(1)}`;
    lines.push(`${name}: ${setting.result === 'restored' ? (report.dryRun ? 'would be restored' : 'restored') : setting.result === 'kept' ? 'kept this vault\'s own value' : 'already the same'}${setting.review ? ` — ${setting.review}` : ''}`);
  }
  for (const change of report.listenerExposure) {
    const outcome = change.applied ? (report.dryRun ? 'would be applied (chosen)' : 'applied (chosen)') : `this vault's kept (apply the backup's with --apply-setting ${change.setting})`;
    lines.push(`Lets more in — ${change.name}: ${change.current} here, ${change.backup} in the backup: ${outcome}`);
  }
  if (report.ignored.length > 0) lines.push(`Not used: ${report.ignored.join(', ')}`);
  const verb = report.dryRun ? 'would be ' : '';
  lines.push(`${report.credentials.length} key${report.credentials.length === 1 ? '' : 's'} found: ${report.imported} ${verb}imported${report.renamed ? ` (${report.renamed} under a new label)` : ''}, ${report.skipped} skipped (already in this vault).`);
  for (const step of report.nextSteps) lines.push(`→ ${step}`);
  return lines.join('\n');
}

function describeResult(c: ImportReport['credentials'][number], dryRun: boolean): string {
  const would = dryRun ? 'would be ' : '';
  switch (c.result) {
    case 'imported': return `${would}imported${c.primary ? ' (primary)' : ''}`;
    case 'renamed': return `${would}imported as "${c.storedAs}" (label was taken)`;
    case 'skipped-duplicate': return `skipped: already in this vault as "${c.duplicateOf}"`;
  }
}

function quoteArgument(file: string): string {
  return /^[\w./-]+$/.test(file) ? file : `"${file.replace(/"/g, '\\"')}"`;
}
