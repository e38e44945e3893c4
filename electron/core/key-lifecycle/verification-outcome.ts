/**
 * Classifies why a signed call failed, and says it plainly with what to do. Works from the
 * exchange's own error code, read out of ccxt's error text, because ccxt's error classes are not
 * enough: Binance answers -2015 for an unknown key, a wrong IP and a missing permission alike, and
 * after one successful call ccxt reports the same -2015 as DDoSProtection (EXCHANGE-FACTS.md).
 * ccxt's text itself is never shown: Bybit's 10004 reply echoes the signed string with the API key.
 */
import type { Environment } from '../credentials/credential-schema';
import type { KeywardenError } from '../errors';
import type { VerificationOutcome } from './verification-schema';
import { ccxtErrorFamily, exchangeErrorCode } from '../exchanges/ccxt-error';
import { exchangeUnreachable, isUnreachable } from '../exchanges/exchange-unreachable';
import { ipAllowListSteps, seenIpOf } from '../exchanges/ip-refusal';

export interface ClassifiedFailure {
  readonly outcome: Exclude<VerificationOutcome, 'ok'>;
  readonly message: string;
  readonly action: string;
  /** The exchange's code, when it gave one (for the audit log). */
  readonly exchangeCode: string | null;
  /** Set when the exchange could not be reached: the EXCHANGE_UNREACHABLE error whose message `message` is. */
  readonly unreachable: KeywardenError | null;
  /** The address the exchange saw, when it refused the IP and said so. */
  readonly seenIp: string | null;
}

export interface FailureContext {
  readonly provider: string;
  readonly exchangeName: string;
  readonly environment: Environment;
  /** What an unreachable exchange means for the caller: "the key's status is unchanged", "the key was not saved", … */
  readonly consequence: string;
}

export function classifyFailure(error: unknown, context: FailureContext): ClassifiedFailure {
  const code = exchangeErrorCode(error);
  const name = context.exchangeName;
  const otherEnvironment = context.environment === 'testnet' ? 'live' : 'testnet';
  const environmentHint = ` It is set up as a ${context.environment} key: if it is a ${otherEnvironment} key, change its environment to ${otherEnvironment}.`;
  const failure = (outcome: ClassifiedFailure['outcome'], message: string, action: string): ClassifiedFailure => ({ outcome, message, action, exchangeCode: code, unreachable: null, seenIp: null });
  const seenIp = seenIpOf(error);
  const sawFrom = seenIp === null ? '' : ` ${name} saw the request come from ${seenIp}.`;

  switch (code) {
    case '-2015':
      // Binance names the address it saw only in this answer; it still does not say which of the three it was.
      if (seenIp !== null) {
        return { ...failure('ip-not-allowed', `${name} refused the key.${sawFrom} Most often that address is not on the key's IP allow-list (${name} gives the same answer for a wrong or deleted key and a missing permission).`, ipAllowListSteps(context.provider, name, seenIp)), seenIp };
      }
      return failure('invalid-key', `${name} refused the key: it is wrong or deleted, this machine's IP address is not on its allow-list, or it lacks the permission (${name} does not say which).${environmentHint}`,
        `In ${name} → API Management check that the key still exists, that this machine's IP is on its list, and that "Enable Reading" is on.`);
    case '-2014':
    case '10003':
      return failure('invalid-key', `${name} does not know this API key.${environmentHint}`, `Check that the key still exists in ${name}'s API settings, then add it again or rotate it in Keywarden.`);
    case '-1022':
    case '10004':
      return failure('bad-secret', `${name} knows the API key, but the secret does not match it.`, 'Rotate the key in Keywarden and paste the secret again, exactly as the exchange showed it.');
    case '10010':
      return { ...failure('ip-not-allowed', `${name} refused the request because its IP address is not on the key's allow-list.${sawFrom}`, ipAllowListSteps(context.provider, name, seenIp)), seenIp };
    case '10005':
      return failure('permission-missing', `${name} accepted the key but it lacks the permission for this request.`, `In ${name}'s API settings give the key "Read" and "Spot - Trade" (never "Withdraw").`);
    case '33004':
      return failure('expired', `The key has expired on ${name}.`, `Create a new key on ${name} and rotate this one in Keywarden.`);
    case '-1021':
    case '10002':
      return failure('clock-skew', `${name} rejected the request's timestamp: this computer's clock is off.`, 'Turn on automatic time synchronisation in your system settings, then verify again.');
    case '-1003':
    case '10006':
      return failure('exchange-unavailable', `${name} is rate-limiting requests right now, so the key was not checked.`, 'Wait a minute and verify again.');
    default:
      break;
  }

  const family = ccxtErrorFamily(error);
  if (isUnreachable(error)) {
    const unreachable = exchangeUnreachable(name, error, context.consequence);
    return {
      outcome: family.includes('RequestTimeout') ? 'timeout' : 'exchange-unavailable',
      message: unreachable.message,
      action: 'Try again in a few minutes; Keywarden also retries at the next scheduled check. If it keeps happening, check this computer\'s internet connection.',
      exchangeCode: code,
      unreachable,
      seenIp: null,
    };
  }
  if (family.includes('AuthenticationError') || family.includes('PermissionDenied')) {
    return failure('invalid-key', `${name} refused the key.${environmentHint}`, `Check the key in ${name}'s API settings, then rotate it in Keywarden if needed.`);
  }
  // The exchange answered, with something none of the cases above knows (a 4xx, an unlisted code).
  return failure('exchange-unavailable', `${name} answered with an error Keywarden does not recognise${code ? ` (code ${code})` : ''}, so the key was not checked.`, 'Try again later; Keywarden also retries at the next scheduled check.');
}
