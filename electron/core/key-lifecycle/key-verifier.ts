/**
 * Verifies keys: exchange keys with real signed calls, the balance (does the key work?) and, where
 * the exchange has one, its key-permission endpoint (can it trade? can it withdraw? is it restricted
 * to an IP?); AI provider keys with the provider's cheapest authenticated read (ai-key-probe.ts). Records the outcome on the credential and decides whether trading must wait for the
 * user: a key that can withdraw, or whose permissions widened since the last check, is blocked.
 */
import type { Exchange } from 'ccxt';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import type { CredentialInfo, CredentialStatus, Environment, KeyPermissions, TradingBlock } from '../credentials/credential-schema';
import type { CredentialRepository } from '../credentials/credential-repository';
import type { FieldPreparer } from '../credentials/field-preparer';
import type { KeyVerificationMethod } from '../credentials/kinds/credential-kind';
import { credentialKindOf } from '../credentials/kinds/credential-kinds';
import type { VerificationRecords } from '../credentials/verification-records';
import { KeywardenError } from '../errors';
import type { ExchangeClientCache } from '../exchanges/exchange-client-cache';
import { mapBounded } from '../exchanges/bounded-concurrency';
import { exchangeDisplayName } from '../exchanges/exchange-catalog';
import { unreachableConsequence } from '../exchanges/exchange-unreachable';
import { balanceOnlyPermissions, fromBinanceAccount, fromBinanceApiRestrictions, fromBybitQueryApi, widenedPermissions } from './key-permissions';
import { standingKeyWarnings } from '../../shared/key-warnings';
import { ipExposure } from '../../shared/key-ip-exposure';
import { classifyFailure } from './verification-outcome';
import { unreachableProxy } from '../exchanges/proxy-reachability';
import { probeAiKey } from './ai-key-probe';
import type { DerivedCredentials } from '../polymarket/derived-credentials';
import type { WalletBalances } from './wallet-check-schema';
import { walletBalancesSummary } from '../wallets/wallet-balances-summary';
import { keyRefused, keyWorks } from '../../shared/verification-outcomes';
import type { VerificationOutcome, VerificationResult, VerificationWarning } from './verification-schema';

/** What a probe of a key found, before anything is stored. */
export interface ProbeResult {
  readonly outcome: VerificationOutcome;
  readonly message: string;
  readonly action: string | null;
  readonly permissions: KeyPermissions | null;
  readonly exchangeCode: string | null;
  readonly latencyMs: number;
  /** Set when the exchange could not be reached: the EXCHANGE_UNREACHABLE error whose message `message` is. */
  readonly unreachable: KeywardenError | null;
  /** The address the exchange saw when it refused the request's IP and said so (exchange keys only). */
  readonly seenIp?: string | null;
}

/** What "Test and save" learns about a key that is not stored yet. */
export interface KeyTestResult {
  readonly outcome: VerificationOutcome;
  /** For the Add key form: when the outcome means the key is not saved, the message says so. */
  readonly message: string;
  readonly action: string | null;
  readonly permissions: KeyPermissions | null;
}

type ProbeRequest = Parameters<KeyVerifier['probe']>[0];

export interface KeyVerifierOptions {
  readonly credentials: CredentialRepository;
  readonly verificationRecords: VerificationRecords;
  readonly fieldPreparer: FieldPreparer;
  readonly clients: ExchangeClientCache;
  readonly clock: Clock;
  /** Provider id → base URL for the AI key checks (KEYWARDEN_SERVICE_URLS, for tests and proxies). */
  readonly serviceUrls?: Readonly<Record<string, string>>;
  /** How long one AI key check may take. */
  readonly timeoutMs?: number;
  /** Polymarket CLOB credentials derived from keys, in memory only (shared with trading). */
  readonly derivedCredentials: DerivedCredentials;
  /** Most verifications in flight at once, overall and per exchange (its rate limit is per IP). */
  readonly concurrency?: { readonly total: number; readonly perExchange: number };
}

export class KeyVerifier {
  readonly #credentials: CredentialRepository;
  readonly #records: VerificationRecords;
  readonly #preparer: FieldPreparer;
  readonly #clients: ExchangeClientCache;
  readonly #clock: Clock;
  readonly #concurrency: { readonly total: number; readonly perExchange: number };
  readonly #serviceUrls: Readonly<Record<string, string>>;
  readonly #timeoutMs: number;
  readonly #derivedCredentials: DerivedCredentials;

  constructor(options: KeyVerifierOptions) {
    this.#derivedCredentials = options.derivedCredentials;
    this.#serviceUrls = options.serviceUrls ?? {};
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#credentials = options.credentials;
    this.#records = options.verificationRecords;
    this.#preparer = options.fieldPreparer;
    this.#clients = options.clients;
    this.#clock = options.clock;
    // Binance allows 6,000 request weight a minute per IP; one verification costs about 21.
    this.#concurrency = options.concurrency ?? { total: 32, perExchange: 20 };
  }

  /** Verifies one stored key and records the result. */
  async verify(ref: string, actor: AuditActor): Promise<VerificationResult> {
    const info = this.#credentials.get(ref);
    if (info.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${info.label}" was revoked; there is nothing to verify.`);
    const { secrets } = this.#credentials.getDecrypted(info.id);
    const probe = await this.probe({ credentialId: info.id, fingerprint: info.fingerprint, provider: info.provider, environment: info.environment, secrets }, unreachableConsequence.statusUnchanged);
    this.#credentials.recordUse(info.id, { source: 'verification', ok: keyWorks(probe.outcome) });
    if (!keyWorks(probe.outcome)) this.#clients.drop(info.id);

    const checked = keyWorks(probe.outcome) || keyRefused(probe.outcome);
    const status = statusAfter(probe.outcome, info.status);
    const tradingBlock = checked && probe.permissions ? blockAfter(info, probe.permissions, this.#records.acceptedPermissions(info.id)) : info.tradingBlock;
    const updated = this.#records.applyVerification(info.id, { outcome: probe.outcome, message: probe.message, latencyMs: probe.latencyMs, exchangeCode: probe.exchangeCode, checked, status, permissions: probe.permissions, tradingBlock }, actor);
    return {
      credentialId: updated.id,
      label: updated.label,
      provider: updated.provider,
      environment: updated.environment,
      outcome: probe.outcome,
      message: probe.message,
      action: probe.action,
      warnings: warningsFor(updated, probe.permissions && checked ? widenedPermissions(info.permissions, probe.permissions) : [], this.#clock.now()),
      ipExposure: ipExposure(updated, this.#clock.now()),
      seenIp: probe.seenIp ?? null,
      permissions: updated.permissions,
      status: updated.status,
      tradingBlock: updated.tradingBlock,
      verifiedAt: this.#clock.now(),
      latencyMs: probe.latencyMs,
    };
  }

  /** What a stored wallet holds now, read from its RPC node (the wallet page; nothing is recorded). */
  async walletBalances(ref: string): Promise<WalletBalances> {
    const info = this.#credentials.get(ref);
    if (info.kind !== 'wallet') throw new KeywardenError('INVALID_INPUT', `"${info.label}" is not a wallet: balances are shown for EVM and Solana wallets.`);
    const { secrets } = this.#credentials.getDecrypted(info.id);
    const { checkStoredWallet } = await import('./wallet-probe');
    const check = await checkStoredWallet(info.provider, secrets as Record<string, string>, { rpcUrlOverride: this.#serviceUrls[info.provider], timeoutMs: this.#timeoutMs });
    return { credentialId: info.id, label: info.label, address: secrets.walletAddress ?? '', check, summary: check.outcome === 'ok' ? walletBalancesSummary(check) : check.message };
  }

  /**
   * Verifies every key that is not revoked, many at a time but never more than the limits per
   * exchange, so one slow exchange does not hold up the others. Results in the listing's order.
   */
  async verifyAll(actor: AuditActor, onResult?: (result: VerificationResult) => void): Promise<VerificationResult[]> {
    const targets = this.#credentials.list().filter((c) => c.status !== 'revoked');
    return mapBounded(targets, (target) => target.provider, { total: this.#concurrency.total, perGroup: this.#concurrency.perExchange }, async (target) => {
      const result = await this.#verifySafely(target, actor);
      onResult?.(result);
      return result;
    });
  }

  /**
   * "Test and save": the same field rules as saving, then the same signed calls as a verification;
   * nothing is stored. An exchange that cannot be reached is an error (EXCHANGE_UNREACHABLE, "…; the
   * key was not saved"), not an answer about the key.
   */
  async testUnsaved(input: { provider: string; environment: Environment; fields: Readonly<Record<string, unknown>> }): Promise<KeyTestResult> {
    const prepared = await this.#preparer.prepare(input.provider, input.fields);
    const probe = await this.probe({ provider: prepared.provider.id, environment: input.environment, secrets: prepared.values as Record<string, string> }, unreachableConsequence.keyNotSaved);
    if (probe.unreachable) throw probe.unreachable;
    const name = prepared.provider.name;
    const message = keyWorks(probe.outcome)
      ? probe.message
      : keyRefused(probe.outcome)
        // An AI provider's check already says who refused the key and why ("OpenAI does not accept this key: …").
        ? prepared.kind === 'ai' ? `${probe.message} The key was not saved.` : `${name} did not accept this key, so it was not saved. ${probe.message}`
        // A clock that is off or a rate limit says nothing against the key: it just was not checked.
        : `The key was not saved. ${probe.message}`;
    return { outcome: probe.outcome, message, action: probe.action, permissions: probe.permissions };
  }

  /**
   * Asks the exchange about a key without storing anything: used for stored keys, for a new key
   * before a rotation swaps it in, and for an old key to check it was deleted on the exchange.
   * Never throws for what the exchange answers; the ccxt error text is never kept (Bybit echoes
   * the signed request, API key included, in its 10004 answer). `whenUnreachable` ends the message
   * when the exchange cannot be reached: what that means for the caller.
   */
  async probe(request: { credentialId?: string | undefined; fingerprint?: string | undefined; provider: string; environment: Environment; secrets: Readonly<Record<string, string>> }, whenUnreachable: string): Promise<ProbeResult> {
    return this.#probes[credentialKindOf(request.provider).verification](request, whenUnreachable);
  }

  /** Each credential kind names how its keys are verified (credentials/kinds/). */
  readonly #probes: Readonly<Record<KeyVerificationMethod, (request: ProbeRequest, whenUnreachable: string) => Promise<ProbeResult>>> = {
    'exchange-signed-calls': (request, whenUnreachable) => this.#probeExchange(request, whenUnreachable),
    'ai-provider-call': (request, whenUnreachable) => probeAiKey(request, whenUnreachable, { baseUrl: this.#serviceUrls[request.provider], timeoutMs: this.#timeoutMs }),
    // Wallets and Polymarket load their key libraries (viem, @noble) when first checked, not with every core.
    'wallet-balance': async (request, whenUnreachable) => (await import('./wallet-probe')).probeWallet(request, whenUnreachable, { rpcUrlOverride: this.#serviceUrls[request.provider], timeoutMs: this.#timeoutMs }),
    'polymarket-account': async (request, whenUnreachable) => (await import('./polymarket-probe')).probePolymarket(request, whenUnreachable, { baseUrl: this.#serviceUrls[request.provider], timeoutMs: this.#timeoutMs }, this.#derivedCredentials),
  };

  async #probeExchange(request: ProbeRequest, whenUnreachable: string): Promise<ProbeResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let client: Exchange | undefined;
    try {
      // Binance's verification calls are implicit-API calls that never read markets: its first
      // "verify all" need not wait for (or parse) the market list.
      client = verifiesWithoutMarkets.has(request.provider) ? await this.#clients.signedClient(request) : await this.#clients.client(request);
      const permissions = await readPermissions(client, request.provider, this.#clock.now());
      if (permissions.trade === false) {
        const name = client.name ?? request.provider;
        return { outcome: 'permission-missing', message: `The key works, but it cannot trade: spot trading is off for it on ${name}.`, action: tradeHint(request.provider, name), permissions, exchangeCode: null, latencyMs: elapsed(), unreachable: null };
      }
      return { outcome: 'ok', message: 'The key works.', action: null, permissions, exchangeCode: null, latencyMs: elapsed(), unreachable: null };
    } catch (error) {
      if (error instanceof KeywardenError) throw error;
      // No client when loading the exchange's markets failed: the name then comes from the catalog, never the ccxt id.
      const exchangeName = client?.name ?? (await exchangeDisplayName(request.provider));
      const failure = classifyFailure(error, { provider: request.provider, exchangeName, environment: request.environment, consequence: whenUnreachable });
      // Through a proxy that is down, the exchange was never asked: say so, naming the proxy.
      const proxyDown = failure.unreachable ? await unreachableProxy(request.secrets.proxyUrl, exchangeName, whenUnreachable) : null;
      if (proxyDown) return { ...failure, message: proxyDown.message, action: 'Start the proxy (or its SSH tunnel) again, or clear this account\'s proxy, then verify again.', unreachable: proxyDown, permissions: null, latencyMs: elapsed() };
      return { ...failure, permissions: null, latencyMs: elapsed() };
    }
  }

  async #verifySafely(target: CredentialInfo, actor: AuditActor): Promise<VerificationResult> {
    try {
      return await this.verify(target.id, actor);
    } catch (error) {
      // A key that cannot even be read (damaged ciphertext, locked meanwhile) is reported, not fatal to the others.
      const message = error instanceof KeywardenError ? error.message : 'Keywarden could not check this key.';
      return { credentialId: target.id, label: target.label, provider: target.provider, environment: target.environment, outcome: 'exchange-unavailable', message, action: null, warnings: [], ipExposure: ipExposure(target, this.#clock.now()), seenIp: null, permissions: target.permissions, status: target.status, tradingBlock: target.tradingBlock, verifiedAt: this.#clock.now(), latencyMs: 0 };
    }
  }
}

/**
 * Exchanges whose verification calls (readPermissions) are implicit-API calls only: ccxt's unified
 * methods (fetchBalance) load markets themselves when they are missing; implicit ones never do.
 */
const verifiesWithoutMarkets: ReadonlySet<string> = new Set(['binance']);

/** The signed calls of a verification: balance, plus the permission endpoint, in parallel. */
async function readPermissions(client: Exchange, provider: string, now: number): Promise<KeyPermissions> {
  switch (provider) {
    case 'binance': {
      const binance = client as unknown as { privateGetAccount(): Promise<Record<string, unknown>>; sapiGetAccountApiRestrictions(): Promise<Record<string, unknown>> };
      // ccxt's spot fetchBalance is this very call (GET /api/v3/account, binance.js fetchBalance) plus
      // parsing we do not use; only its raw answer (balance.info) was ever read here.
      const account = binance.privateGetAccount();
      const restrictions = binance.sapiGetAccountApiRestrictions();
      restrictions.catch(() => undefined);
      await account;
      try {
        return fromBinanceApiRestrictions(await restrictions);
      } catch {
        // The spot testnet has no /sapi (EXCHANGE-FACTS.md): there, /api/v3/account's canTrade /
        // canWithdraw are all we can know.
        return fromBinanceAccount(await account);
      }
    }
    case 'bybit': {
      const balance = client.fetchBalance();
      const queryApi = (client as unknown as { privateGetV5UserQueryApi(): Promise<{ result?: Record<string, unknown> }> }).privateGetV5UserQueryApi();
      queryApi.catch(() => undefined);
      await balance;
      return fromBybitQueryApi((await queryApi).result ?? {}, now);
    }
    default:
      await client.fetchBalance();
      return balanceOnlyPermissions();
  }
}

function tradeHint(provider: string, name: string): string {
  if (provider === 'binance') return 'In Binance → API Management → Edit restrictions, turn on "Enable Spot & Margin Trading". Leave "Enable Withdrawals" off.';
  if (provider === 'bybit') return 'In Bybit → API, edit the key and tick "Spot → Trade". Leave "Withdrawal" unticked.';
  return `Turn on spot trading for the key in ${name}'s API settings. Leave withdrawals off.`;
}

function statusAfter(outcome: VerificationOutcome, previous: CredentialStatus): CredentialStatus {
  switch (outcome) {
    case 'ok':
    case 'permission-missing':
    case 'no-credit':
    case 'no-allowance':
      return 'active';
    case 'invalid-key':
    case 'bad-secret':
    case 'ip-not-allowed':
    case 'organization-mismatch':
    case 'wrong-wallet':
    case 'funder-mismatch':
      return 'invalid';
    case 'expired':
      return 'expired';
    case 'revoked':
      // Disabled at the provider; `revoked` is Keywarden's own word for a key the person revoked here.
      return 'disabled';
    default:
      // Clock, network or exchange trouble says nothing about the key itself.
      return previous;
  }
}

/** Trading waits for the user when the key can withdraw (unaccepted) or its permissions widened. */
function blockAfter(info: CredentialInfo, permissions: KeyPermissions, accepted: KeyPermissions | null): TradingBlock | null {
  // Widened since the last check, and not already accepted by the user in that wider form.
  const widened = widenedPermissions(info.permissions, permissions);
  if (widened.length > 0 && (accepted === null || widenedPermissions(accepted, permissions).length > 0)) return 'permissions-widened';
  if (permissions.withdraw === true && accepted?.withdraw !== true) return info.tradingBlock ?? 'withdraw-enabled';
  if (info.tradingBlock === 'withdraw-enabled' && permissions.withdraw !== true) return null;
  return info.tradingBlock;
}

function warningsFor(info: CredentialInfo, widened: readonly string[], now: number): VerificationWarning[] {
  const warnings: VerificationWarning[] = [];
  const name = info.provider === 'binance' ? 'Binance' : info.provider === 'bybit' ? 'Bybit' : info.provider;
  const permissions = info.permissions;
  if (widened.length > 0) {
    warnings.push({ code: 'permissions-widened', message: `Since the last check, ${widened.join(', ')} ${widened.length === 1 ? 'was' : 'were'} turned on for this key. Keywarden will not trade with it until you review and accept that.` });
  }
  if (permissions?.withdraw === true) {
    warnings.push({
      code: 'withdraw-enabled',
      message: info.withdrawRiskAccepted
        ? `This key can WITHDRAW funds (you accepted this risk). Turning withdrawals off for it on ${name} is safer.`
        : `This key can WITHDRAW funds: if it leaked, your money could be moved off ${name}. Keywarden will not trade with it until you accept this risk; better, turn withdrawals off for the key on ${name}.`,
    });
  }
  // No IP allow-list, expiry, rotation due, read-only: the window shows the same between checks.
  warnings.push(...standingKeyWarnings(info, name, now));
  return warnings;
}

