/** `init`, `status`, `lock`-free vault maintenance: `vault rotate-key`, `vault change-passphrase`, `vault auto-lock`. */
import type { Command } from 'commander';
import { startingLimitsSentence } from '../../shared/starting-limits';
import { formatVaultStatus } from '../output';
import type { Run } from '../command-runner';
import { formatIntegrityAlarms } from './integrity-commands';
import { describeAgent } from './agent-commands';

export function registerVaultCommands(program: Command, run: Run): void {
  program
    .command('init')
    .description('create the vault in the data folder, protected by a passphrase (KEYWARDEN_PASSPHRASE or prompted)')
    .action(run(async (session) => {
      const passphrase = await session.newPassphrase('KEYWARDEN_PASSPHRASE');
      const status = await session.call('vault.init', { passphrase });
      return { json: status, text: `Vault created in ${session.home}.\nKeep your passphrase safe: without it the keys in this vault cannot be recovered.\n${startingLimitsSentence().replace('on Risk limits', 'with keywarden limits set')}` };
    }));

  program
    .command('status')
    .description('show whether a vault exists and what protects it')
    .action(run(async (session) => {
      const status = await session.call('vault.status', {});
      const agent = await describeAgent(session);
      // Integrity alarms need the vault key: shown when it is unlocked or can be without asking (a locked agent is not unlocked by a status).
      const canCheck = status.initialized && (!status.locked || (!agent.json.usedByThisCommand && session.passphraseGiven() && status.protectors.some((p) => p.kind === 'passphrase')));
      if (!canCheck) return { json: { ...status, home: session.home, agent: agent.json }, text: `${formatVaultStatus(status, session.home)}\n${agent.text}` };
      await session.unlock();
      const integrity = await session.call('integrity.status', {});
      return { json: { ...status, home: session.home, agent: agent.json, integrity }, text: `${formatVaultStatus(status, session.home)}\n${agent.text}\n${formatIntegrityAlarms(integrity.alarms)}` };
    }));

  const vault = program.command('vault').description('vault key and passphrase maintenance');

  vault
    .command('rotate-key')
    .description('make a new vault key and re-encrypt every stored secret under it (one transaction)')
    .action(run(async (session) => {
      const passphrase = await session.unlockWithPassphrase();
      const result = await session.call('vault.rotateKey', { passphrase });
      return { json: result, text: `Vault key rotated to version ${result.keyVersion}; ${result.reencrypted} secret fields re-encrypted.` };
    }));

  vault
    .command('change-passphrase')
    .description('change the passphrase (current: KEYWARDEN_PASSPHRASE, new: KEYWARDEN_NEW_PASSPHRASE, or prompted)')
    .action(run(async (session) => {
      const current = await session.unlockWithPassphrase();
      const next = await session.newPassphrase('KEYWARDEN_NEW_PASSPHRASE');
      const status = await session.call('vault.changePassphrase', { current, next });
      return { json: status, text: 'Passphrase changed. Use the new one from now on.' };
    }));

  vault
    .command('auto-lock <minutes>')
    .description('lock the vault after this many idle minutes in the desktop app (0 = never)')
    .action(run(async (session, minutes: string) => {
      await session.unlock();
      const status = await session.call('vault.setAutoLock', { minutes: Number(minutes) });
      return { json: status, text: status.autoLockMinutes === 0 ? 'Auto-lock turned off.' : `The vault now locks after ${status.autoLockMinutes} idle minutes.` };
    }));
}
