/**
 * An exchange refusing an order's request because of the IP address it came from (Binance -2015
 * naming the address it saw, Bybit 10010): said as that, with the address and the steps
 * (exchanges/ip-refusal.ts, shared with verification), instead of a generic "refused the key" or
 * "could not read your balance". Only the address is read out of ccxt's text (it can echo the
 * signed request).
 */
import { KeywardenError } from '../errors';
import { exchangeErrorCode } from '../exchanges/ccxt-error';
import { ipAllowListSteps, seenIpOf } from '../exchanges/ip-refusal';

/** The order error code for it (a failed order, or a refusal before anything was sent). */
export const IP_REFUSED_ORDER_CODE = 'EXCHANGE_IP_NOT_ALLOWED';

/** The words for an IP refusal, or null when the error is something else. */
export function ipRefusalMessage(error: unknown, provider: string, exchangeName: string): string | null {
  const code = exchangeErrorCode(error);
  const seenIp = seenIpOf(error);
  // Binance's -2015 also means a wrong key or a missing permission; only the address in it says it was the IP.
  if (code !== '10010' && !(code === '-2015' && seenIp !== null)) return null;
  const saw = seenIp === null ? '' : ` ${exchangeName} saw it come from ${seenIp}.`;
  return `${exchangeName} refused the request because its IP address is not on the key's allow-list.${saw} ${ipAllowListSteps(provider, exchangeName, seenIp)}`;
}

/** Before anything is sent: an IP refusal becomes a plain KeywardenError saying nothing was sent. */
export function throwIfIpRefused(error: unknown, provider: string, exchangeName: string): void {
  const message = ipRefusalMessage(error, provider, exchangeName);
  if (message !== null) throw new KeywardenError('KEY_REFUSED', `${message} Nothing was sent.`, { reason: IP_REFUSED_ORDER_CODE });
}
