/**
 * When an account with an outbound proxy cannot reach its exchange, the proxy is the first suspect:
 * a plain TCP connection to it says whether it is up, so the person reads "the proxy
 * socks5://203.0.113.7:1080 cannot be reached", not "the exchange is down". Named by scheme, host and
 * port only (shared/outbound-proxy.ts), never its user name or password.
 */
import net from 'node:net';
import { checkProxyUrl, shownProxy } from '../../shared/outbound-proxy';
import { KeywardenError } from '../errors';

/** Whether a TCP connection to the proxy opens within `timeoutMs`. */
export async function proxyAnswers(proxyUrl: string, timeoutMs = 3000): Promise<boolean> {
  const check = checkProxyUrl(proxyUrl);
  if (!check.ok) return false;
  const host = check.address.host.replace(/^\[|\]$/g, '');
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port: check.address.port });
    const done = (answer: boolean) => { socket.destroy(); resolve(answer); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** PROXY_UNREACHABLE naming the proxy, when the account has one and it does not answer; null otherwise. */
export async function unreachableProxy(proxyUrl: string | undefined, exchangeName: string, consequence: string): Promise<KeywardenError | null> {
  if (proxyUrl === undefined || (await proxyAnswers(proxyUrl))) return null;
  const check = checkProxyUrl(proxyUrl);
  const shown = check.ok ? shownProxy(check.address) : 'set for this account';
  return new KeywardenError('PROXY_UNREACHABLE', `The proxy ${shown} that this account's requests to ${exchangeName} go through cannot be reached${consequence ? `; ${consequence}` : ''}. Check that the proxy (or the SSH tunnel behind it) is running, or clear the account's proxy.`);
}
