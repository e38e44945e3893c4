/** `balances`, `export-key`, `positions`, `polymarket-market`: wallet keys and Polymarket accounts (issue 18). */
import type { Command } from 'commander';
import { fieldTitle, type CredentialFieldName } from '../../shared/credential-field-labels';
import { KeywardenError } from '../../api/errors';
import type { Run } from '../command-runner';
import { table } from '../output';
import { parseSecretsJson, promptHidden, readStdin, stdinIsTerminal } from '../terminal-input';
import { isWalletProviderId, walletProviders, walletSettingFields } from '../../shared/wallet-providers';
import { futuresPositions } from './futures-commands';

export function registerWalletCommands(program: Command, run: Run, stdoutIsTerminal: () => boolean): void {
  program
    .command('balances <wallet>')
    .description("what a wallet holds now: its native coin and the tokens it lists, read from its RPC node (only the address is sent)")
    .action(run(async (session, ref: string) => {
      await session.unlock();
      const balances = await session.call('wallets.balances', { ref });
      const { check } = balances;
      const lines = [`"${balances.label}" ${balances.address}`];
      if (check.outcome === 'ok') {
        lines.push(`  ${check.network.name}: ${check.native.amount} ${check.native.symbol}`);
        for (const token of check.tokens) lines.push(`  ${token.problem === 'not-a-token' ? `${token.token}: not a token on ${check.network.name}` : `${token.amount ?? '?'} ${token.symbol ?? token.token}`}`);
      } else lines.push(`  ${check.message}`);
      return { json: balances, text: lines.join('\n') };
    }));

  program
    .command('wallet-settings <wallet>')
    .description("change a wallet's chain, RPC URL or tokens, or a Polymarket account's funder and signature type, keeping its key; read as JSON from stdin ({\"rpcUrl\":\"…\",\"chainId\":\"1\"}; \"\" removes one) or asked for each setting")
    .action(run(async (session, ref: string) => {
      let fields: Record<string, unknown>;
      if (stdinIsTerminal()) {
        await session.unlock();
        const current = await session.call('credentials.get', { ref });
        fields = {};
        const provider = isWalletProviderId(current.provider) ? walletProviders[current.provider] : undefined;
        for (const field of provider?.fields ?? []) {
          if (!(walletSettingFields as readonly string[]).includes(field.name)) continue;
          const typed = await promptHidden(`${fieldTitle(field.name)} (Enter to keep${current.fields.includes(field.name) ? ', "-" to remove' : ''}): `);
          if (typed.trim() === '-') fields[field.name] = '';
          else if (typed.trim() !== '') fields[field.name] = typed;
        }
      } else {
        fields = parseSecretsJson(await readStdin());
        await session.unlock();
      }
      const changed = await session.call('credentials.changeSettings', { ref, fields });
      return { json: changed, text: `Changed the settings of "${changed.label}": ${Object.keys(fields).join(', ') || 'nothing'}. Check it with them: keywarden verify "${changed.label}"` };
    }));

  program
    .command('positions <account>')
    .description("a Polymarket account's pUSD and the outcome shares it holds; an exchange account's perpetual futures positions (leverage, margin mode, liquidation price)")
    .action(run(async (session, account: string) => {
      await session.unlock();
      if ((await session.call('credentials.get', { ref: account })).kind === 'exchange') return futuresPositions(session, account);
      const held = await session.call('polymarket.positions', { account });
      const lines = [`"${held.label}": ${held.pusd} pUSD free at ${held.funder}${held.funder.toLowerCase() === held.signer.toLowerCase() ? '' : ` (signed by ${held.signer})`}`];
      if (held.positions.length === 0) lines.push('No positions.');
      else {
        lines.push(table(['MARKET', 'OUTCOME', 'SHARES', 'AVG PRICE', 'NOW'], held.positions.map((p) => [p.slug ?? p.title ?? `token …${p.tokenId.slice(-8)}`, p.outcome ?? '?', String(p.size), p.averagePrice === null ? '—' : String(p.averagePrice), p.currentPrice === null ? '—' : String(p.currentPrice)])));
      }
      return { json: held, text: lines.join('\n') };
    }));

  program
    .command('polymarket-market <market>')
    .description('a Polymarket market by its slug, polymarket.com link or token id: its outcomes, their token ids and best prices')
    .action(run(async (session, reference: string) => {
      await session.unlock();
      const market = await session.call('polymarket.market', { market: reference });
      const lines = [
        market.question ?? market.slug ?? market.conditionId,
        `tick ${market.tickSize}${market.minOrderSize ? `, at least ${market.minOrderSize} shares` : ''}${market.negRisk ? ', neg-risk' : ''}${market.acceptingOrders === false ? ', NOT taking orders' : ''}`,
        table(['OUTCOME', 'BID', 'ASK', 'TOKEN ID'], market.outcomes.map((o) => [o.outcome, o.bid === null ? '—' : String(o.bid), o.ask === null ? '—' : String(o.ask), o.tokenId])),
      ];
      return { json: market, text: lines.join('\n') };
    }));

  program
    .command('export-key <ref>')
    .description("print a wallet's private key or recovery phrase (to move it to a hardware wallet); asks for the vault passphrase again, and prints to a terminal only with --reveal")
    .option('--reveal', 'print the secret on this terminal')
    .action(run(async (session, ref: string, options: { reveal?: boolean }) => {
      // Refused before anything is asked or read: a screen shared or recorded must not show it by surprise.
      if (stdoutIsTerminal() && !options.reveal) {
        throw new KeywardenError('INVALID_INPUT', 'This prints a private key on your screen. Run again with --reveal when nobody can see it, or send it to a file: keywarden export-key <ref> > wallet.txt');
      }
      const vaultPassphrase = await session.unlockWithPassphrase();
      const exported = await session.call('credentials.exportSecret', { ref, vaultPassphrase });
      const lines = Object.entries(exported.fields).map(([field, value]) => `${fieldTitle(field as CredentialFieldName)}: ${value}`);
      return {
        json: exported,
        text: [`"${exported.label}"${exported.address ? ` (${exported.address})` : ''}`, ...lines, '', `! ${exported.warning}`].join('\n'),
      };
    }));
}
