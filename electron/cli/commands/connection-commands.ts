/**
 * `proxy-settings`, `test-proxy`: an exchange account's outbound proxy (issue 20), so its key can be
 * bound to a fixed IP on a home connection. The URL may carry a password, so it is read from standard
 * input or a hidden prompt, never from an argument, and only its scheme, host and port are printed.
 */
import type { Command } from 'commander';
import { KeywardenError } from '../../api/errors';
import type { Run } from '../command-runner';
import { promptHidden, readStdin, stdinIsTerminal } from '../terminal-input';

export function registerConnectionCommands(program: Command, run: Run): void {
  program
    .command('proxy-settings <account>')
    .description("an exchange account's outbound proxy (http://, https:// or socks5://, optional user:password@): shown without credentials; --set reads the URL from stdin or a hidden prompt, --clear removes it")
    .option('--set', 'set the proxy: the URL is read from stdin (or asked for, hidden)')
    .option('--clear', 'connect directly again')
    .action(run(async (session, ref: string, options: { set?: boolean; clear?: boolean }) => {
      if (options.set && options.clear) throw new KeywardenError('INVALID_INPUT', 'Choose --set or --clear, not both.');
      let proxyUrl: string | undefined;
      if (options.set) proxyUrl = stdinIsTerminal() ? await promptHidden('Proxy URL (scheme://[user:password@]host:port): ') : (await readStdin(4096)).trim();
      if (options.clear) proxyUrl = '';
      await session.unlock();
      if (proxyUrl !== undefined) {
        if (options.set && proxyUrl.trim() === '') throw new KeywardenError('INVALID_INPUT', 'No proxy URL was given. To remove the proxy, use --clear.');
        await session.call('credentials.changeSettings', { ref, fields: { proxyUrl } });
      }
      const connection = await session.call('exchanges.connection', { ref });
      const then = proxyUrl === undefined ? '' : `\nThe key is unverified until checked through it: keywarden test-proxy "${ref}"`;
      const ips = connection.boundIps.length > 0 ? `\nThe key is bound to: ${connection.boundIps.join(', ')}` : '';
      return { json: connection, text: `${connection.proxy === null ? 'No proxy: requests go directly from this machine.' : `Proxy set: ${connection.proxy}`}${ips}${then}` };
    }));

  program
    .command('test-proxy <account>')
    .description("check an exchange account through its proxy: is the proxy up, did the exchange answer, and which IP it saw (where the exchange says); records a verification")
    .action(run(async (session, ref: string) => {
      await session.unlock();
      const tested = await session.call('exchanges.testProxy', { ref });
      const lines = [
        `Proxy: ${tested.proxy ?? 'none (direct)'}${tested.proxyAnswers === false ? ' — NOT REACHABLE' : ''}`,
        `Exchange reached: ${tested.exchangeReached ? 'yes' : 'no'} (${tested.outcome})`,
        ...(tested.seenIp ? [`The exchange saw: ${tested.seenIp}`] : []),
        tested.message,
      ];
      return { json: tested, text: lines.join('\n') };
    }));
}
