/**
 * An exchange account's connection (issue 20): which outbound proxy its requests leave through (shown
 * as scheme, host and port only), the IPs its key is bound to, and "Test proxy": is the proxy up, and
 * did the exchange answer through it. The proxy itself is set through `credentials.changeSettings`
 * (wallet-settings.ts), sealed like a wallet's RPC URL.
 */
import type { AuditActor } from '../audit/audit-schema';
import type { CredentialRepository } from '../credentials/credential-repository';
import type { CredentialInfo } from '../credentials/credential-schema';
import { KeywardenError } from '../errors';
import { proxyAnswers } from '../exchanges/proxy-reachability';
import { boundIps } from '../../shared/key-ip-exposure';
import { shownProxyUrl } from '../../shared/outbound-proxy';
import { keyRefused, keyWorks } from '../../shared/verification-outcomes';
import type { AccountConnection as Connection, ProxyTestResult } from './account-connection-schema';
import type { KeyVerifier } from './key-verifier';

export class AccountConnections {
  readonly #credentials: CredentialRepository;
  readonly #verifier: KeyVerifier;

  constructor(credentials: CredentialRepository, verifier: KeyVerifier) {
    this.#credentials = credentials;
    this.#verifier = verifier;
  }

  read(ref: string): Connection {
    const info = this.#exchangeAccount(ref);
    return { credentialId: info.id, proxy: this.#shownProxy(info), boundIps: [...boundIps(info)] };
  }

  /** A verification through the account's proxy, reported as what it says about the connection. */
  async test(ref: string, actor: AuditActor): Promise<ProxyTestResult> {
    const info = this.#exchangeAccount(ref);
    const proxyUrl = this.#credentials.getDecrypted(info.id).secrets.proxyUrl;
    const proxy = proxyUrl === undefined ? null : shownProxyUrl(proxyUrl);
    const answers = proxyUrl === undefined ? null : await proxyAnswers(proxyUrl);
    const result = await this.#verifier.verify(info.id, actor);
    const exchangeReached = keyWorks(result.outcome) || keyRefused(result.outcome);
    const through = proxy === null ? 'directly (no proxy is set)' : `through ${proxy}`;
    const message = answers === false
      ? result.message
      : exchangeReached
        ? `The exchange answered ${through}. ${result.seenIp ? `It saw the request come from ${result.seenIp}. ` : ''}${result.message}`
        : `The exchange did not answer ${through}. ${result.message}`;
    return { credentialId: info.id, proxy, proxyAnswers: answers, exchangeReached, outcome: result.outcome, seenIp: result.seenIp, message };
  }

  #shownProxy(info: CredentialInfo): string | null {
    const proxyUrl = this.#credentials.getDecrypted(info.id).secrets.proxyUrl;
    return proxyUrl === undefined ? null : shownProxyUrl(proxyUrl) ?? 'set (cannot be read: set it again)';
  }

  #exchangeAccount(ref: string): CredentialInfo {
    const info = this.#credentials.get(ref);
    if (info.kind !== 'exchange') throw new KeywardenError('INVALID_INPUT', `"${info.label}" is not an exchange account: only exchange accounts have an outbound proxy.`);
    return info;
  }
}
