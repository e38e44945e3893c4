/** `verify`, `rotate`, `check-old-key`, `revoke`, `accept-withdraw-risk`, `history`, `settings`: keys against their exchanges. */
import { exchangeKeyPage } from '../../shared/exchange-key-pages';
import type { Command } from 'commander';
import { KeywardenError } from '../../api/errors';
import type { Run } from '../command-runner';
import { formatOpenOrders, formatOpenOrdersOutcome } from '../open-orders-output';
import { formatDate, formatPermissions, formatVerification, table } from '../output';
import { parseSecretsJson, promptHidden, readStdin, stdinIsTerminal } from '../terminal-input';

/** Exit code when a key failed its check, so scripts and cron jobs notice. */
const KEY_FAILED = 4;

export function registerVerificationCommands(program: Command, run: Run, setExitCode: (code: number) => void): void {
  program
    .command('verify [ref]')
    .description('check a key against its exchange (a real signed call): does it work, can it trade, can it withdraw; exit code 4 if a key failed')
    .option('--all', 'check every key that is not revoked')
    .action(run(async (session, ref: string | undefined, options: { all?: boolean }) => {
      if (!ref && !options.all) throw new KeywardenError('INVALID_INPUT', 'Name a key to verify (id or label), or use --all.');
      await session.unlock();
      const results = options.all ? await session.call('credentials.verifyAll', {}) : [await session.call('credentials.verify', { ref: ref ?? '' })];
      if (results.some((r) => r.outcome !== 'ok')) setExitCode(KEY_FAILED);
      const text = results.length === 0 ? 'No keys to verify.' : results.map(formatVerification).join('\n\n');
      return { json: options.all ? results : results[0], text };
    }));

  program
    .command('rotate <ref>')
    .description('replace a key with a new one from the exchange: new fields on stdin as JSON (or prompted); verified before the swap')
    .option('--skip-verify', 'store the new key without checking it (only when the exchange cannot be reached)')
    .action(run(async (session, ref: string, options: { skipVerify?: boolean }) => {
      let fields: Record<string, unknown>;
      if (stdinIsTerminal()) {
        await session.unlock();
        const current = await session.call('credentials.get', { ref });
        fields = {};
        for (const field of current.fields) fields[field] = await promptHidden(`New ${field} for "${current.label}": `);
      } else {
        fields = parseSecretsJson(await readStdin());
        await session.unlock();
      }
      const result = await session.call('credentials.rotate', { ref, fields, skipVerification: Boolean(options.skipVerify) });
      const lines = [
        `Rotated "${result.credential.label}": new key ${result.credential.preview} (fingerprint ${result.credential.fingerprint}) is in use.`,
        result.verification ? `New key verified: ${result.verification.message}` : 'The new key was NOT verified; run keywarden verify when the exchange is reachable.',
        '',
        'Next:',
        ...result.nextSteps.map((step, i) => `  ${i + 1}. ${step}`),
        `     keywarden check-old-key "${result.credential.label}"`,
      ];
      return { json: result, text: lines.join('\n') };
    }));

  program
    .command('check-old-key <ref>')
    .description('after a rotation: check that the old key no longer works on the exchange, then destroy Keywarden\'s copy')
    .option('--discard', 'destroy the old key\'s copy without checking it')
    .action(run(async (session, ref: string, options: { discard?: boolean }) => {
      await session.unlock();
      if (options.discard) {
        const info = await session.call('credentials.discardOldKey', { ref });
        return { json: info, text: `Destroyed the old key of "${info.label}" without checking it. Make sure it is deleted on the exchange.` };
      }
      const check = await session.call('credentials.checkOldKey', { ref });
      if (check.oldKeyWorks) setExitCode(KEY_FAILED);
      return { json: check, text: check.message };
    }));

  program
    .command('revoke <ref>')
    .description('destroy Keywarden\'s copy of a key (not the key on the exchange: delete it there too) and stop every use of it (webhook, manual, CLI); its open orders are canceled on the exchange first; the record stays (asks to confirm; --yes to skip)')
    .option('--yes', 'do not ask for confirmation')
    .option('--keep-orders', 'leave the key\'s open orders on the exchange (Keywarden cannot cancel them afterwards)')
    .action(run(async (session, ref: string, options: { yes?: boolean; keepOrders?: boolean }) => {
      await session.unlock();
      const credential = await session.call('credentials.get', { ref });
      if (!options.yes && !stdinIsTerminal()) throw new KeywardenError('INVALID_INPUT', `Revoking "${credential.label}" destroys its secret for good. Run again with --yes to confirm.`);
      const choice = options.keepOrders ? 'keep' : 'cancel';
      if (!options.yes) {
        // Shown before the question: canceling needs the secret that revoking destroys.
        const openOrders = formatOpenOrders(await session.call('credentials.openOrders', { ref: credential.id }), choice, credential.status === 'revoked');
        const answer = await promptHidden(`${openOrders ? `${openOrders}\n` : ''}Type the label "${credential.label}" to revoke it: `);
        if (answer.trim().toLowerCase() !== credential.label.toLowerCase()) throw new KeywardenError('INVALID_INPUT', 'The label did not match. Nothing was revoked.');
      }
      const revoked = await session.call('credentials.revoke', { ref: credential.id, openOrders: choice });
      const keyPage = exchangeKeyPage(revoked.credential.provider, revoked.credential.environment);
      const done = `Revoked "${revoked.credential.label}": its secret is destroyed and nothing can use it any more. This removes Keywarden's copy only: delete the key on ${revoked.orders.exchangeName}'s API management page too${keyPage ? ` (${keyPage})` : ''}.`;
      return { json: revoked, text: [formatOpenOrdersOutcome(revoked.orders), done].filter(Boolean).join('\n') };
    }));

  program
    .command('accept-withdraw-risk <ref>')
    .description('allow trading with a key that can withdraw (or whose permissions widened) after you reviewed it; recorded in the audit log')
    .action(run(async (session, ref: string) => {
      await session.unlock();
      const info = await session.call('credentials.acceptWithdrawRisk', { ref });
      return {
        json: info,
        text: `Accepted the current permissions of "${info.label}" (${formatPermissions(info.permissions)}). Trading with it is allowed.${info.permissions?.withdraw ? '\nIt can still WITHDRAW funds: turning withdrawals off for the key on the exchange is safer.' : ''}`,
      };
    }));

  program
    .command('history <ref>')
    .description('verification history of a key and the fingerprints of the keys it replaced')
    .option('--limit <n>', 'how many verifications', '20')
    .action(run(async (session, ref: string, options: { limit: string }) => {
      await session.unlock();
      const history = await session.call('credentials.history', { ref, limit: Number(options.limit) });
      const verifications = history.verifications.length
        ? table(['WHEN', 'RESULT', 'MS', 'MESSAGE'], history.verifications.map((v) => [formatDate(v.at), v.outcome, String(v.latencyMs), v.message]))
        : 'Never verified.';
      const keys = history.keys.length ? `\n\nEarlier keys:\n${table(['FINGERPRINT', 'FROM', 'RETIRED'], history.keys.map((k) => [k.fingerprint, formatDate(k.activeFrom), formatDate(k.retiredAt)]))}` : '';
      return { json: history, text: verifications + keys };
    }));

  program
    .command('settings')
    .description('show or change how often keys are re-verified and when they count as due for rotation')
    .option('--verify-interval-hours <n>', 're-verify every key this often (0 = off; default 24)')
    .option('--rotation-reminder-days <n>', 'flag keys older than this for rotation (0 = off; default 90)')
    .action(run(async (session, options: { verifyIntervalHours?: string; rotationReminderDays?: string }) => {
      await session.unlock();
      const change = {
        ...(options.verifyIntervalHours !== undefined ? { verifyIntervalHours: Number(options.verifyIntervalHours) } : {}),
        ...(options.rotationReminderDays !== undefined ? { rotationReminderDays: Number(options.rotationReminderDays) } : {}),
      };
      const settings = Object.keys(change).length ? await session.call('credentials.setSettings', change) : await session.call('credentials.getSettings', {});
      return {
        json: settings,
        text: `Re-verify keys: ${settings.verifyIntervalHours === 0 ? 'off' : `every ${settings.verifyIntervalHours} h`}\nRotation reminder: ${settings.rotationReminderDays === 0 ? 'off' : `after ${settings.rotationReminderDays} days`}`,
      };
    }));
}
