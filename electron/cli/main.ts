/**
 * `keywarden`'s command line (commander), over the same contract handlers as the desktop app.
 * Started by entry.ts, the bundle's entry (electron/scripts/build-cli.js).
 */
import { Command, CommanderError } from 'commander';
import { makeRunner } from './command-runner';
import { registerAuditCommands } from './commands/audit-commands';
import { registerBackupCommands } from './commands/backup-commands';
import { registerCredentialCommands } from './commands/credential-commands';
import { registerVaultCommands } from './commands/vault-commands';
import { registerTradingCommands } from './commands/trading-commands';
import { registerFuturesCommands } from './commands/futures-commands';
import { registerVerificationCommands } from './commands/verification-commands';
import { registerWebhookCommands } from './commands/webhook-commands';
import { registerTunnelCommands } from './commands/tunnel-commands';
import { registerIntegrityCommands } from './commands/integrity-commands';
import { registerRunCommands } from './commands/run-commands';
import { registerAgentCommands } from './commands/agent-commands';
import { registerUsageCommands } from './commands/usage-commands';
import { registerProxyCommands } from './commands/proxy-commands';
import { registerWalletCommands } from './commands/wallet-commands';
import { registerConnectionCommands } from './commands/connection-commands';
import { exitQuietlyOnClosedOutput, processEnvironment } from './process-environment';

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
  KEYWARDEN_SERVICE_URLS    JSON {exchange or AI provider id: base URL}, for test servers and proxies only
                            (KEYWARDEN_EXCHANGE_URLS, its older name, is still read)

Secrets are never taken from arguments: pipe them as JSON on stdin, or type them at the prompt.`);
  registerVaultCommands(program, run);
  registerCredentialCommands(program, run);
  registerVerificationCommands(program, run, environment.setExitCode);
  registerTradingCommands(program, run, environment.setExitCode);
  registerFuturesCommands(program, run, environment.setExitCode);
  registerAuditCommands(program, run, environment.setExitCode);
  registerBackupCommands(program, run, environment.env);
  registerWebhookCommands(program, run, environment);
  registerTunnelCommands(program, run);
  registerIntegrityCommands(program, run, environment.setExitCode);
  registerRunCommands(program, run, environment);
  registerAgentCommands(program, run, environment.stdout);
  registerUsageCommands(program, run);
  registerProxyCommands(program, run, environment);
  registerWalletCommands(program, run, environment.stdoutIsTerminal ?? (() => false));
  registerConnectionCommands(program, run);
  return program;
}

/** The full command line (commander); `bundleDir` is out/cli, where the entry bundle lives. */
export async function runCommandLine(bundleDir: string): Promise<void> {
  exitQuietlyOnClosedOutput();
  const program = buildProgram(processEnvironment(bundleDir));
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
