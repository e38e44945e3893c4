/** `add`, `list`, `show`, `update`, `remove`, `exchanges`: keys in the vault. */
import type { Command } from 'commander';
import { fieldLabels } from '../../shared/credential-field-labels';
import { KeywardenError } from '../../api/errors';
import type { Run } from '../command-runner';
import { formatOpenOrders, formatOpenOrdersOutcome } from '../open-orders-output';
import { formatCredential, formatCredentialList, formatVerification, table } from '../output';
import { parseSecretsJson, promptHidden, readStdin, stdinIsTerminal } from '../terminal-input';

export function registerCredentialCommands(program: Command, run: Run): void {
  program
    .command('add <exchange>')
    .description('store an exchange key; fields are read from stdin as JSON ({"apiKey":"…","secret":"…"}) or prompted without echo')
    .requiredOption('--label <label>', 'a name for this key, unique in the vault')
    .option('--testnet', 'the key is for the exchange\'s testnet / sandbox')
    .option('--primary', 'make it the primary key for this exchange')
    .option('--test', 'check the key with the exchange first (a signed request); save it only if the exchange accepts it')
    .action(run(async (session, exchangeId: string, options: { label: string; testnet?: boolean; primary?: boolean; test?: boolean }) => {
      const exchange = await session.call('exchanges.get', { id: exchangeId });
      // Read the key before unlocking: a piped JSON body must not be mistaken for a passphrase.
      let fields: Record<string, unknown>;
      if (stdinIsTerminal()) {
        await session.unlock();
        fields = {};
        for (const field of exchange.fields) fields[field] = await promptHidden(`${exchange.name} ${fieldLabels[field]}: `);
      } else {
        fields = parseSecretsJson(await readStdin());
        await session.unlock();
      }
      const environment = options.testnet ? 'testnet' : 'live';
      if (options.test) {
        const tested = await session.call('credentials.test', { provider: exchange.id, environment, fields });
        if (tested.outcome !== 'ok' && tested.outcome !== 'permission-missing') {
          // The core's message already says the key was not saved, and why.
          throw new KeywardenError('KEY_REFUSED', `${tested.message}${tested.action ? ` ${tested.action}` : ''}`, { outcome: tested.outcome });
        }
      }
      const created = await session.call('credentials.create', {
        provider: exchange.id,
        label: options.label,
        environment,
        ...(options.primary ? { isPrimary: true } : {}),
        fields,
      });
      if (options.test) {
        const verified = await session.call('credentials.verify', { ref: created.id });
        return { json: { ...created, status: verified.status, permissions: verified.permissions }, text: `Stored "${created.label}" (${created.id}) for ${exchange.name} after ${exchange.name} accepted it.\n\n${formatVerification(verified)}` };
      }
      return { json: created, text: `Stored "${created.label}" (${created.id}) for ${exchange.name}, key ${created.preview}, fingerprint ${created.fingerprint}.\nIt is unverified until checked against the exchange (keywarden verify "${created.label}").` };
    }));

  program
    .command('list')
    .description('list stored keys (masked)')
    .action(run(async (session) => {
      await session.unlock();
      const credentials = await session.call('credentials.list', {});
      return { json: credentials, text: formatCredentialList(credentials) };
    }));

  program
    .command('show <ref>')
    .description('show one key by id or label (masked)')
    .action(run(async (session, ref: string) => {
      await session.unlock();
      const credential = await session.call('credentials.get', { ref });
      return { json: credential, text: formatCredential(credential) };
    }));

  program
    .command('update <ref>')
    .description('rename a key, change its environment, make it primary, or allow programs (keywarden run) to use it')
    .option('--label <label>', 'new label')
    .option('--testnet', 'mark as a testnet key')
    .option('--live', 'mark as a live key')
    .option('--primary', 'make it the primary key for its exchange')
    .option('--allow-programs', 'let programs started with keywarden run be handed its fields')
    .option('--no-allow-programs', 'stop handing its fields to programs')
    .action(run(async (session, ref: string, options: { label?: string; testnet?: boolean; live?: boolean; primary?: boolean; allowPrograms?: boolean }) => {
      if (options.testnet && options.live) throw new KeywardenError('INVALID_INPUT', 'Choose --testnet or --live, not both.');
      await session.unlock();
      const updated = await session.call('credentials.update', {
        ref,
        ...(options.label !== undefined ? { label: options.label } : {}),
        ...(options.testnet ? { environment: 'testnet' as const } : options.live ? { environment: 'live' as const } : {}),
        ...(options.primary ? { isPrimary: true } : {}),
        ...(options.allowPrograms !== undefined ? { allowPrograms: options.allowPrograms } : {}),
      });
      return { json: updated, text: formatCredential(updated) };
    }));

  program
    .command('remove <ref>')
    .description('delete a key and destroy its secret; its open orders are canceled on the exchange first (asks to confirm; --yes to skip)')
    .option('--yes', 'do not ask for confirmation')
    .option('--keep-orders', 'leave the key\'s open orders on the exchange (Keywarden cannot cancel them afterwards)')
    .action(run(async (session, ref: string, options: { yes?: boolean; keepOrders?: boolean }) => {
      await session.unlock();
      const credential = await session.call('credentials.get', { ref });
      if (!options.yes && !stdinIsTerminal()) throw new KeywardenError('INVALID_INPUT', `Removing "${credential.label}" cannot be undone. Run again with --yes to confirm.`);
      const choice = options.keepOrders ? 'keep' : 'cancel';
      if (!options.yes) {
        // Shown before the question: canceling needs the secret that deleting destroys.
        const openOrders = formatOpenOrders(await session.call('credentials.openOrders', { ref: credential.id }), choice, credential.status === 'revoked');
        const answer = await promptHidden(`${openOrders ? `${openOrders}\n` : ''}Type the label "${credential.label}" to delete it for good: `);
        if (answer.trim().toLowerCase() !== credential.label.toLowerCase()) throw new KeywardenError('INVALID_INPUT', 'The label did not match. Nothing was deleted.');
      }
      const removed = await session.call('credentials.delete', { ref: credential.id, openOrders: choice });
      const done = removed.recordKept
        ? `Destroyed the secret of "${removed.label}" (${removed.id}); its record stays, revoked, because orders were placed with it (your daily limits and order history count them).`
        : `Deleted "${removed.label}" (${removed.id}).`;
      return { json: removed, text: [formatOpenOrdersOutcome(removed.orders), `${done} This removes Keywarden's copy only: delete the key on ${removed.orders.exchangeName}'s API management page too.`].filter(Boolean).join('\n') };
    }));

  program
    .command('exchanges [search]')
    .description('list the exchanges Keywarden can hold keys for, and the fields each needs')
    .action(run(async (session, search: string | undefined) => {
      const all = await session.call('exchanges.list', {});
      const needle = search?.toLowerCase();
      const shown = needle ? all.filter((e) => e.id.includes(needle) || e.name.toLowerCase().includes(needle)) : all;
      return { json: shown, text: table(['ID', 'NAME', 'FIELDS', 'TESTNET'], shown.map((e) => [e.id, e.name, e.fields.join(', '), e.hasTestnet ? 'yes' : 'no'])) };
    }));
}
