/**
 * The AI gateway's local tokens (issue 17): made once and shown once, kept as a SHA-256 hash with a
 * label, the AI keys the token may use (one per provider) and its dates; revocable, never deleted
 * (their usage stays attributed). Each row carries a MAC over its hash, keys and revocation, so a
 * token planted or widened in the data file spends nothing and raises the integrity alarm.
 */
import { desc, eq } from 'drizzle-orm';
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import type { CredentialRepository } from '../credentials/credential-repository';
import type { CredentialInfo } from '../credentials/credential-schema';
import type { KeyUsage } from '../credentials/key-usage';
import { KeywardenError, isKeywardenError } from '../errors';
import type { RowGuard } from '../integrity/integrity-guard';
import { gatewayTokenMacFields, protectedRow, rowMac, rowMacMatches } from '../integrity/row-integrity';
import type { OpenedDatabase } from '../store/database';
import { randomId } from '../store/random-id';
import { gatewayTokens, type GatewayTokenRow } from '../store/schema';
import type { TokenCandidate } from '../webhook/webhook-token';
import { monthStartUtc } from './billing-month';
import { CreateLocalTokenInput, LocalTokenRef, type IssuedLocalToken, type LocalTokenInfo } from './gateway-schema';
import { generateLocalToken, hashLocalToken, matchLocalToken } from './local-token';

/** A token that authenticated: who it is and the keys it may use. */
export interface AuthenticatedToken {
  readonly id: string;
  readonly label: string;
  readonly keyIds: readonly string[];
}

/** last_used_at is written at most this often per token: a call must not cost a write for it. */
const TOUCH_EVERY_MS = 60_000;

export class LocalTokens {
  readonly #database: OpenedDatabase;
  readonly #clock: Clock;
  readonly #integrity: RowGuard;
  readonly #credentials: CredentialRepository;
  readonly #keyUsage: KeyUsage;
  /** The active tokens' hashes, read again after a change here or by another process (data_version). */
  #forAuth: { readonly dataVersion: number; readonly candidates: readonly TokenCandidate<AuthenticatedToken>[] } | undefined;
  readonly #touchedAt = new Map<string, number>();

  constructor(options: { database: OpenedDatabase; clock: Clock; integrity: RowGuard; credentials: CredentialRepository; keyUsage: KeyUsage }) {
    this.#database = options.database;
    this.#clock = options.clock;
    this.#integrity = options.integrity;
    this.#credentials = options.credentials;
    this.#keyUsage = options.keyUsage;
  }

  get #db() {
    return this.#database.db;
  }

  /** Makes a token for the given AI keys; its value is in the answer this once. Needs the vault unlocked. */
  create(rawInput: CreateLocalTokenInput, actor: AuditActor): IssuedLocalToken {
    const input = CreateLocalTokenInput.parse(rawInput);
    const keys = this.#scopedKeys(input.keys);
    const token = generateLocalToken();
    const now = this.#clock.now();
    const rowsKey = this.#integrity.rowsKey();
    const row = this.#write((tx) => {
      let id = randomId();
      while (tx.select({ id: gatewayTokens.id }).from(gatewayTokens).where(eq(gatewayTokens.id, id)).get()) id = randomId();
      const fields = { tokenHash: hashLocalToken(token), keyIds: keys.map((key) => key.id), revokedAt: null };
      const stored: GatewayTokenRow = { id, label: input.label, ...fields, createdAt: now, lastUsedAt: null, integrityMac: rowMac(rowsKey, 'gateway_tokens', id, gatewayTokenMacFields(fields)) };
      tx.insert(gatewayTokens).values(stored).run();
      appendAudit(tx, this.#clock, { actor, action: 'gateway.token.create', subject: id, outcome: 'ok', details: { label: input.label, keys: fields.keyIds.join(',') } });
      return stored;
    });
    return { localToken: token, info: this.#info(row, new Map()) };
  }

  /** Every token, newest first, with the keys it may use and this month's calls. Never a token's value or hash. */
  list(): LocalTokenInfo[] {
    // Needs the vault unlocked (rowsKey throws VAULT_LOCKED otherwise), as the keys' labels do.
    this.#integrity.rowsKey();
    const usage = this.#keyUsage.gatewayUsageByLocalToken(monthStartUtc(this.#clock.now()));
    const labels = new Map<string, CredentialInfo | undefined>();
    return this.#db.select().from(gatewayTokens).orderBy(desc(gatewayTokens.createdAt)).all().map((row) => this.#info(row, labels, usage.get(row.id)));
  }

  /** Revokes a token (by id, or a label only one active token has): it stops working at once. */
  revoke(rawRef: string, actor: AuditActor): LocalTokenInfo {
    const ref = LocalTokenRef.parse(rawRef);
    const rowsKey = this.#integrity.rowsKey();
    const revoked = this.#write((tx) => {
      const row = this.#resolve(tx, ref);
      if (row.revokedAt !== null) throw new KeywardenError('INVALID_INPUT', `The local token "${row.label}" is already revoked.`);
      const revokedAt = this.#clock.now();
      const integrityMac = rowMac(rowsKey, 'gateway_tokens', row.id, gatewayTokenMacFields({ ...row, revokedAt }));
      tx.update(gatewayTokens).set({ revokedAt, integrityMac }).where(eq(gatewayTokens.id, row.id)).run();
      appendAudit(tx, this.#clock, { actor, action: 'gateway.token.revoke', subject: row.id, outcome: 'ok', details: { label: row.label } });
      return { ...row, revokedAt, integrityMac };
    });
    return this.#info(revoked, new Map(), this.#keyUsage.gatewayUsageByLocalToken(monthStartUtc(this.#clock.now())).get(revoked.id));
  }

  /**
   * The active token `token` is, or undefined (wrong, revoked, malformed, or its row changed outside
   * Keywarden: then the alarm is raised too). Compares with every active token's hash in constant
   * time. Needs the vault unlocked (the MACs are checked with its key).
   */
  authenticate(token: string): AuthenticatedToken | undefined {
    return matchLocalToken(token, this.#candidates());
  }

  /** Notes that a token was used (written at most once a minute per token). */
  touch(id: string): void {
    const now = this.#clock.now();
    if (now - (this.#touchedAt.get(id) ?? -Infinity) < TOUCH_EVERY_MS) return;
    this.#touchedAt.set(id, now);
    this.#db.update(gatewayTokens).set({ lastUsedAt: now }).where(eq(gatewayTokens.id, id)).run();
  }

  #candidates(): readonly TokenCandidate<AuthenticatedToken>[] {
    const rowsKey = this.#integrity.rowsKey();
    const dataVersion = this.#database.dataVersion();
    if (this.#forAuth?.dataVersion !== dataVersion) {
      const candidates: TokenCandidate<AuthenticatedToken>[] = [];
      for (const row of this.#db.select().from(gatewayTokens).all()) {
        if (!rowMacMatches(rowsKey, 'gateway_tokens', row.id, gatewayTokenMacFields(row), row.integrityMac)) {
          this.#integrity.tampered(protectedRow.gatewayToken(row));
          continue;
        }
        if (row.revokedAt === null) candidates.push({ hash: row.tokenHash, owner: { id: row.id, label: row.label, keyIds: row.keyIds } });
      }
      this.#forAuth = { dataVersion, candidates };
    }
    return this.#forAuth.candidates;
  }

  /** The AI keys a new token names: each an AI key that is not revoked, at most one per provider. */
  #scopedKeys(refs: readonly string[]): CredentialInfo[] {
    const keys: CredentialInfo[] = [];
    for (const ref of refs) {
      const key = this.#credentials.get(ref);
      if (key.kind !== 'ai') throw new KeywardenError('INVALID_INPUT', `"${key.label}" is not an AI provider key: the gateway forwards AI calls only.`, { field: 'keys' });
      if (key.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${key.label}" was revoked; a local token cannot use it.`);
      if (keys.some((other) => other.id === key.id)) continue;
      const sameProvider = keys.find((other) => other.provider === key.provider);
      if (sameProvider) {
        throw new KeywardenError('INVALID_INPUT', `"${sameProvider.label}" and "${key.label}" are both ${key.provider} keys; a local token uses one key per provider, so the gateway knows which to spend. Make a token for each.`, { field: 'keys' });
      }
      keys.push(key);
    }
    return keys;
  }

  #resolve(tx: Pick<OpenedDatabase['db'], 'select'>, ref: string): GatewayTokenRow {
    const byId = tx.select().from(gatewayTokens).where(eq(gatewayTokens.id, ref)).get();
    if (byId) return byId;
    const wanted = ref.toLowerCase();
    const byLabel = tx.select().from(gatewayTokens).all().filter((row) => row.label.toLowerCase() === wanted);
    const active = byLabel.filter((row) => row.revokedAt === null);
    if (active.length === 1) return active[0]!;
    if (active.length > 1) throw new KeywardenError('INVALID_INPUT', `${active.length} active local tokens are called "${active[0]!.label}"; name one by its id (keywarden proxy tokens list).`);
    if (byLabel.length > 0) return byLabel[0]!;
    throw new KeywardenError('INVALID_INPUT', `No local token is called "${ref.slice(0, 64)}" (keywarden proxy tokens list shows them).`);
  }

  #write<T>(change: (tx: Parameters<Parameters<OpenedDatabase['db']['transaction']>[0]>[0]) => T): T {
    try {
      return this.#db.transaction(change, { behavior: 'immediate' });
    } finally {
      this.#forAuth = undefined;
      this.#integrity.rowWritten();
    }
  }

  #info(row: GatewayTokenRow, keys: Map<string, CredentialInfo | undefined>, usage?: { calls: number; failed: number; tokensIn: number; tokensOut: number; costMicroUsd: number | null }): LocalTokenInfo {
    const keyOf = (id: string): CredentialInfo | undefined => {
      if (!keys.has(id)) keys.set(id, this.#keyOrUndefined(id));
      return keys.get(id);
    };
    return {
      id: row.id,
      label: row.label,
      keys: row.keyIds.map((id) => {
        const key = keyOf(id);
        return { id, label: key?.label ?? '(deleted key)', provider: key?.provider ?? '' };
      }),
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      revokedAt: row.revokedAt,
      thisMonth: {
        calls: usage?.calls ?? 0,
        failed: usage?.failed ?? 0,
        tokensIn: usage?.tokensIn ?? 0,
        tokensOut: usage?.tokensOut ?? 0,
        costUsd: usage?.costMicroUsd === null || usage?.costMicroUsd === undefined ? null : usage.costMicroUsd / 1e6,
      },
    };
  }

  #keyOrUndefined(id: string): CredentialInfo | undefined {
    try {
      return this.#credentials.get(id);
    } catch (error) {
      if (isKeywardenError(error, 'CREDENTIAL_NOT_FOUND')) return undefined;
      throw error;
    }
  }
}
