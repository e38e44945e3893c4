/**
 * `keywarden`: the headless CLI, over the same contract handlers as the desktop app. Bundled into
 * out/cli/keywarden.js by electron/scripts/build-cli.js (run by `npm install`).
 */
import { Command, CommanderError } from 'commander';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRunner } from './command-runner';
import { registerAuditCommands } from './commands/audit-commands';
import { registerBackupCommands } from './commands/backup-commands';
import { registerCredentialCommands } from './commands/credential-commands';
import { registerVaultCommands } from './commands/vault-commands';
import { registerTradingCommands } from './commands/trading-commands';
import { registerVerificationCommands } from './commands/verification-commands';
import { registerWebhookCommands } from './commands/webhook-commands';
import { registerIntegrityCommands } from './commands/integrity-commands';
import { registerRunCommands } from './commands/run-commands';
import { registerAgentCommands } from './commands/agent-commands';
import { defaultDataFolder } from '../api/data-folder';

export function buildProgram(environment: Parameters<typeof makeRunner>[0]): Command {
  const run = makeRunner(environment);
  const program = new Command('keywarden')
    .description('Keywarden: your exchange API keys, encrypted on this machine.')
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError()
    .exitOverride()
    .addHelpText('after', `
Environment:
  KEYWARDEN_HOME            data folder (now: ${environment.home})
  KEYWARDEN_PASSPHRASE      vault passphrase (otherwise asked on the terminal)
  KEYWARDEN_NEW_PASSPHRASE  new passphrase for "vault change-passphrase"
  KEYWARDEN_BACKUP_PASSPHRASE  passphrase of a backup file (backup export / import)
  KEYWARDEN_EXCHANGE_URLS   JSON {exchange id: base URL}, for test servers and proxies only

Secrets are never taken from arguments: pipe them as JSON on stdin, or type them at the prompt.`);
  registerVaultCommands(program, run);
  registerCredentialCommands(program, run);
  registerVerificationCommands(program, run, environment.setExitCode);
  registerTradingCommands(program, run, environment.setExitCode);
  registerAuditCommands(program, run, environment.setExitCode);
  registerBackupCommands(program, run, environment.env);
  registerWebhookCommands(program, run, environment);
  registerIntegrityCommands(program, run, environment.setExitCode);
  registerRunCommands(program, run, environment);
  registerAgentCommands(program, run, environment.stdout);
  return program;
}

async function main(): Promise<void> {
  // `keywarden list | head`: the reader went away; that is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const bundleDir = path.dirname(fileURLToPath(import.meta.url));
  const program = buildProgram({
    home: defaultDataFolder(),
    // The bundle lives in out/cli; migrations ship in drizzle/ at the package root.
    migrationsFolder: path.resolve(bundleDir, '..', '..', 'drizzle'),
    env: process.env,
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    setExitCode: (code) => {
      process.exitCode = code;
    },
  });
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write('keywarden: something went wrong inside Keywarden; nothing was changed. [INTERNAL]\n');
    process.exitCode = 1;
  }
}

await main();
