/** `add`, `list`, `show`, `update`, `remove`, `exchanges`: keys in the vault. */
import type { Command } from 'commander';
import { fieldLabels } from '../../shared/credential-field-labels';
import { KeywardenError } from '../../api/errors';
import type { Run } from '../command-runner';
import { formatOpenOrders, formatOpenOrdersOutcome } from '../open-orders-output';
import { formatCredential, formatCredentialList, formatVerification, table, withIpExposure } from '../output';
import { parseSecretsJson, promptHidden, readStdin, stdinIsTerminal } from '../terminal-input';
import { providerForm, shapeWarnings } from '../provider-form';
import { keyWorks } from '../../shared/verification-outcomes';
import { readExpiryDate } from '../../shared/expiry-date';

export function registerCredentialCommands(program: Command, run: Run): void {
  program
    .command('add <provider>')
    .description('store an exchange or AI provider key (binance, bybit, …; openai, anthropic, google, … see keywarden ai-providers), a bot wallet (evm-wallet, solana-wallet) or a Polymarket account (polymarket); fields are read from stdin as JSON ({"apiKey":"…","secret":"…"}, {"privateKey":"…","chainId":"137","rpcUrl":"…"}) or prompted without echo')
    .requiredOption('--label <label>', 'a name for this key, unique in the vault')
    .option('--testnet', 'the key is for the exchange\'s testnet / sandbox')
    .option('--primary', 'make it the primary key for this exchange or provider')
    .option('--test', 'check the key first (a signed request, or the AI provider\'s models list); save it only if it is accepted')
    .option('--expires <YYYY-MM-DD>', 'from this day on (UTC), Keywarden never uses or releases the key; reminders come two weeks before')
    .action(run(async (session, providerId: string, options: { label: string; testnet?: boolean; primary?: boolean; test?: boolean; expires?: string }) => {
      const expiresAt = options.expires === undefined ? undefined : expiryArgument(options.expires);
      const form = await providerForm(session, providerId);
      // Read the key before unlocking: a piped JSON body must not be mistaken for a passphrase.
      let fields: Record<string, unknown>;
      if (stdinIsTerminal()) {
        await session.unlock();
        fields = {};
        for (const field of form.fields) {
          // An EVM wallet: a recovery phrase (and its path) is asked only when no private key was typed.
          const alternative = form.oneOf?.includes(field.name) === true && form.oneOf.some((other) => other !== field.name && fields[other] !== undefined);
          if (alternative || (field.name === 'derivationPath' && fields.mnemonic === undefined && form.oneOf?.includes('mnemonic'))) continue;
          const optional = field.required ? '' : form.oneOf?.[0] === field.name ? ` (Enter to give the ${fieldLabels[form.oneOf[1] ?? field.name]} instead)` : ' (optional, Enter to skip)';
          const typed = await promptHidden(`${form.name} ${fieldLabels[field.name]}${optional}: `);
          if (field.required || typed.trim() !== '') fields[field.name] = typed;
        }
      } else {
        fields = parseSecretsJson(await readStdin());
        await session.unlock();
      }
      const warnings = shapeWarnings(form, fields).map((warning) => `! ${warning}`);
      const environment = options.testnet ? 'testnet' : 'live';
      if (options.test) {
        const tested = await session.call('credentials.test', { provider: form.id, environment, fields });
        if (!keyWorks(tested.outcome)) {
          // The core's message already says the key was not saved, and why.
          throw new KeywardenError('KEY_REFUSED', `${tested.message}${tested.action ? ` ${tested.action}` : ''}`, { outcome: tested.outcome });
        }
      }
      const created = await session.call('credentials.create', {
        provider: form.id,
        label: options.label,
        environment,
        ...(options.primary ? { isPrimary: true } : {}),
        ...(expiresAt !== undefined ? { expiresAt } : {}),
        fields,
      });
      if (options.test) {
        const verified = await session.call('credentials.verify', { ref: created.id });
        return { json: { ...created, status: verified.status, permissions: verified.permissions, ...(warnings.length > 0 ? { warnings } : {}) }, text: [...warnings, `Stored "${created.label}" (${created.id}) for ${form.name} after ${form.name} accepted it.\n\n${formatVerification(verified)}`].join('\n') };
      }
      if (form.kind === 'wallet' || form.kind === 'polymarket') {
        const then = form.kind === 'wallet' ? `Check its balances with: keywarden verify "${created.label}"` : `Check the account with: keywarden verify "${created.label}"`;
        return { json: warnings.length > 0 ? { ...created, warnings } : created, text: [...warnings, `Stored "${created.label}" (${created.id}) for ${form.name}, address ${created.preview}, fingerprint ${created.fingerprint}.\n${then}`].join('\n') };
      }
      const checkedBy = form.kind === 'ai' ? form.name : 'the exchange';
      return { json: warnings.length > 0 ? { ...created, warnings } : created, text: [...warnings, `Stored "${created.label}" (${created.id}) for ${form.name}, key ${created.preview}, fingerprint ${created.fingerprint}.\nIt is unverified until checked against ${checkedBy} (keywarden verify "${created.label}").`].join('\n') };
    }));

  program
    .command('list')
    .description('list stored keys (masked)')
    .action(run(async (session) => {
      await session.unlock();
      const credentials = await session.call('credentials.list', {});
      return { json: credentials.map((c) => withIpExposure(c)), text: formatCredentialList(credentials) };
    }));

  program
    .command('show <ref>')
    .description('show one key by id or label (masked)')
    .action(run(async (session, ref: string) => {
      await session.unlock();
      const credential = await session.call('credentials.get', { ref });
      return { json: withIpExposure(credential), text: formatCredential(credential) };
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
    .option('--expires <YYYY-MM-DD>', 'from this day on (UTC), Keywarden never uses or releases the key')
    .option('--no-expires', 'remove the expiry date you set')
    .action(run(async (session, ref: string, options: { label?: string; testnet?: boolean; live?: boolean; primary?: boolean; allowPrograms?: boolean; expires?: string | false }) => {
      if (options.testnet && options.live) throw new KeywardenError('INVALID_INPUT', 'Choose --testnet or --live, not both.');
      const expiresAt = options.expires === undefined ? undefined : options.expires === false ? null : expiryArgument(options.expires);
      await session.unlock();
      // Asked before the rename: afterwards the old label no longer finds the account.
      const impact = options.label !== undefined ? await session.call('webhook.renameImpact', { ref, label: options.label }) : null;
      const warnings = impact?.warning ? [`! ${impact.warning}`] : [];
      const updated = await session.call('credentials.update', {
        ref,
        ...(options.label !== undefined ? { label: options.label } : {}),
        ...(options.testnet ? { environment: 'testnet' as const } : options.live ? { environment: 'live' as const } : {}),
        ...(options.primary ? { isPrimary: true } : {}),
        ...(options.allowPrograms !== undefined ? { allowPrograms: options.allowPrograms } : {}),
        ...(expiresAt !== undefined ? { expiresAt } : {}),
      });
      return { json: warnings.length > 0 ? { ...updated, warnings } : updated, text: [...warnings, formatCredential(updated)].join('\n') };
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
    .command('ai-providers [provider]')
    .description('list the AI providers Keywarden can hold keys for; with a provider id, its fields and how to create a narrow key')
    .action(run(async (session, providerId: string | undefined) => {
      const providers = await session.call('aiProviders.list', {});
      if (providerId === undefined) {
        return { json: providers, text: `${table(['ID', 'PROVIDER', 'FIELDS'], providers.map((p) => [p.id, p.name, p.fields.map((f) => (f.required ? f.name : `[${f.name}]`)).join(', ')]))}\n\n[field]: optional. Add a key with: keywarden add openai --label "OpenAI main" --test` };
      }
      const provider = providers.find((p) => p.id === providerId.trim().toLowerCase());
      if (!provider) throw new KeywardenError('UNKNOWN_PROVIDER', `"${providerId.slice(0, 40)}" is not an AI provider Keywarden knows. The list: keywarden ai-providers`);
      const lines = [
        `${provider.name} (${provider.id})`,
        `Fields: ${provider.fields.map((f) => `${f.name}${f.required ? '' : ' (optional)'}`).join(', ')}`,
        ...(provider.keyHint ? [provider.keyHint] : []),
        ...(provider.keysPage ? [`Create keys at ${provider.keysPage}`] : []),
        ...provider.steps.map((step, index) => `${index + 1}. ${step}`),
        `Then: keywarden add ${provider.id} --label "${provider.name} main" --test`,
      ];
      return { json: provider, text: lines.join('\n') };
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

/** `--expires` read by the shared rule the window uses too. */
function expiryArgument(text: string): number {
  const reading = readExpiryDate(text, Date.now());
  if (!reading.ok) throw new KeywardenError('INVALID_INPUT', reading.message, { field: 'expiresAt' });
  return reading.value;
}
