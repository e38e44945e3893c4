/**
 * Alert sources: one per TradingView set-up, each with its own token and scope (which accounts,
 * symbols and sides it may trade, and how much per order). The token is returned once, at creation
 * or rotation, and only its SHA-256 is stored. After a rotation the previous token keeps working for
 * a short grace window, so the alerts can be edited in TradingView without missing one. A source
 * names its accounts and a per-order cap before it can be created or enabled (source-readiness.ts).
 */
import { requireTradingKey } from '../credentials/exchange-keys';
import { eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import type { CredentialRepository } from '../credentials/credential-repository';
import { KeywardenError, isKeywardenError } from '../errors';
import type { RowGuard } from '../integrity/integrity-guard';
import { protectedRow, rowMac, rowMacMatches, sourceMacFields } from '../integrity/row-integrity';
import type { OpenedDatabase } from '../store/database';
import { freeLabel } from '../store/free-label';
import { isRandomId, randomId } from '../store/random-id';
import { credentials, webhookSources, type WebhookSourceRow } from '../store/schema';
import type { Vault } from '../vault/vault';
import { SourceScope, SourceScopeInput, WebhookSourceLabel, type WebhookSourceInfo } from './webhook-schema';
import { creationNeedsScope, enablingNeedsScope, scopeGaps } from './source-readiness';
import { retireTokenHashes } from './retired-tokens';
import { generateToken, hashToken, matchToken, type TokenCandidate } from './webhook-token';
import { DEFAULT_TOKEN_GRACE_MINUTES as DEFAULT_GRACE_MINUTES } from '../../shared/token-grace';

/** What the listener needs to know about the source a token belongs to. */
export interface AuthenticatedSource {
  readonly id: string;
  readonly label: string;
  readonly enabled: boolean;
  readonly scope: SourceScope;
}

export interface IssuedSourceToken {
  readonly source: WebhookSourceInfo;
  /** The token itself: show it once, never store it. */
  readonly token: string;
}

type Reader = Pick<OpenedDatabase['db'], 'select'>;
type Transaction = Parameters<Parameters<OpenedDatabase['db']['transaction']>[0]>[0];

interface SourceForAuth {
  readonly tokenHash: string;
  readonly previousTokenHash: string | null;
  readonly previousValidUntil: number | null;
  readonly source: AuthenticatedSource;
}

export class WebhookSources {
  readonly #database: OpenedDatabase;
  readonly #clock: Clock;
  readonly #vault: Vault;
  readonly #credentials: CredentialRepository;
  readonly #integrity: RowGuard;
  readonly #selectForAuth;
  /**
   * The sources as the token check needs them; see #sourcesForAuth. `checked`: their MACs were
   * verified (not possible while the vault is locked, when no alert can trade anyway).
   */
  #forAuth: { readonly dataVersion: number; readonly checked: boolean; readonly sources: readonly SourceForAuth[] } | undefined;

  constructor(options: { database: OpenedDatabase; clock: Clock; vault: Vault; credentials: CredentialRepository; integrity: RowGuard }) {
    this.#database = options.database;
    this.#clock = options.clock;
    this.#vault = options.vault;
    this.#credentials = options.credentials;
    this.#integrity = options.integrity;
    // Prepared once: the token check runs for every request the listener receives.
    this.#selectForAuth = this.#db
      .select({ id: webhookSources.id, label: webhookSources.label, enabled: webhookSources.enabled, scope: webhookSources.scope, tokenHash: webhookSources.tokenHash, previousTokenHash: webhookSources.previousTokenHash, previousValidUntil: webhookSources.previousValidUntil, integrityMac: webhookSources.integrityMac })
      .from(webhookSources)
      .prepare();
  }

  get #db() {
    return this.#database.db;
  }

  /** Sources were written outside this class (a backup restore): the token check reads them again. */
  forgetCached(): void {
    this.#forAuth = undefined;
  }

  /** Every change to the sources goes through here: it drops what the token check kept. */
  #write<T>(change: (tx: Transaction) => T): T {
    try {
      return this.#db.transaction(change, { behavior: 'immediate' });
    } finally {
      this.#forAuth = undefined;
    }
  }

  /**
   * A change that keeps part of a row (its token, its scope) must not bless a row changed outside
   * Keywarden: refused until the row is acknowledged or deleted.
   */
  #assertIntact(row: WebhookSourceRow): void {
    if (!rowMacMatches(this.#integrity.rowsKey(), 'webhook_sources', row.id, sourceMacFields(row), row.integrityMac)) {
      const ref = protectedRow.source(row);
      this.#integrity.tampered(ref);
      throw new KeywardenError('INTEGRITY_ALARM', `The ${ref.label} was changed outside Keywarden, so it cannot be changed here. Delete it, or acknowledge the integrity alarm first.`);
    }
  }

  /** Creates a source and returns its token, once. */
  create(input: { label: string; scope?: SourceScopeInput | undefined }, actor: AuditActor): IssuedSourceToken {
    this.#vault.requireKeyring();
    const label = parseLabel(input.label);
    const scope = this.#resolveScope(noLimits, input.scope ?? {});
    const gaps = scopeGaps(scope);
    if (gaps.length > 0) throw creationNeedsScope(gaps);
    const token = generateToken();
    const now = this.#clock.now();
    const id = this.#write((tx) => {
      assertLabelFree(tx, label);
      const id = newId(tx);
      tx.insert(webhookSources).values({ id, label, tokenHash: hashToken(token), scope, enabled: true, createdAt: now }).run();
      macSourceRow(tx, this.#integrity, id);
      appendAudit(tx, this.#clock, { actor, action: 'webhook.source.create', subject: id, outcome: 'ok', details: { label, ...scopeDetails(scope) } });
      return id;
    });
    return { source: this.get(id), token };
  }

  /**
   * Issues a new token. The previous one keeps working for `graceMinutes` (0: stops at once, for a
   * token that leaked); a token from an earlier rotation stops now.
   */
  rotate(ref: string, options: { graceMinutes?: number | undefined }, actor: AuditActor): IssuedSourceToken {
    this.#vault.requireKeyring();
    const graceMinutes = options.graceMinutes ?? DEFAULT_GRACE_MINUTES;
    if (!Number.isInteger(graceMinutes) || graceMinutes < 0 || graceMinutes > 1440) {
      throw new KeywardenError('INVALID_INPUT', 'graceMinutes must be a whole number from 0 to 1440.', { field: 'graceMinutes' });
    }
    const token = generateToken();
    const now = this.#clock.now();
    const id = this.#write((tx) => {
      const row = resolve(tx, ref);
      this.#assertIntact(row);
      tx.update(webhookSources)
        .set({
          tokenHash: hashToken(token),
          previousTokenHash: graceMinutes > 0 ? row.tokenHash : null,
          previousValidUntil: graceMinutes > 0 ? now + graceMinutes * 60_000 : null,
          rotatedAt: now,
        })
        .where(eq(webhookSources.id, row.id))
        .run();
      macSourceRow(tx, this.#integrity, row.id);
      retireTokenHashes(tx, this.#clock, { label: row.label, hashes: [row.tokenHash, row.previousTokenHash] }, 'rotated');
      appendAudit(tx, this.#clock, { actor, action: 'webhook.source.rotate', subject: row.id, outcome: 'ok', details: { label: row.label, graceMinutes } });
      return row.id;
    });
    return { source: this.get(id), token };
  }

  list(): WebhookSourceInfo[] {
    this.#vault.requireKeyring();
    const rows = this.#db.select().from(webhookSources).orderBy(webhookSources.createdAt, webhookSources.id).all();
    return rows.map(this.#infoMapper(rows));
  }

  /** By id or (case-insensitive) label. */
  get(ref: string): WebhookSourceInfo {
    this.#vault.requireKeyring();
    const row = resolve(this.#db, ref);
    return this.#infoMapper([row])(row);
  }

  update(input: { ref: string; label?: string | undefined; scope?: SourceScopeInput | undefined; enabled?: boolean | undefined }, actor: AuditActor): WebhookSourceInfo {
    this.#vault.requireKeyring();
    const label = input.label === undefined ? undefined : parseLabel(input.label);
    const id = this.#write((tx) => {
      const row = resolve(tx, input.ref);
      this.#assertIntact(row);
      if (label !== undefined) assertLabelFree(tx, label, row.id);
      const scope = input.scope === undefined ? row.scope : this.#resolveScope(SourceScope.parse(row.scope), input.scope);
      const enabled = input.enabled ?? row.enabled;
      // Named by its current label: a refused rename leaves that one, and the message's command must work.
      if (enabled) assertEnableable(tx, row.label, scope, { turningOn: !row.enabled });
      tx.update(webhookSources).set({ label: label ?? row.label, scope, enabled }).where(eq(webhookSources.id, row.id)).run();
      macSourceRow(tx, this.#integrity, row.id);
      appendAudit(tx, this.#clock, { actor, action: 'webhook.source.update', subject: row.id, outcome: 'ok', details: { label: label ?? row.label, enabled, ...scopeDetails(scope) } });
      return row.id;
    });
    return this.get(id);
  }

  delete(ref: string, actor: AuditActor): { id: string; label: string } {
    this.#vault.requireKeyring();
    return this.#write((tx) => {
      const row = resolve(tx, ref);
      tx.delete(webhookSources).where(eq(webhookSources.id, row.id)).run();
      retireTokenHashes(tx, this.#clock, { label: row.label, hashes: [row.tokenHash, row.previousTokenHash] }, 'deleted');
      appendAudit(tx, this.#clock, { actor, action: 'webhook.source.delete', subject: row.id, outcome: 'ok', details: { label: row.label } });
      // A source in alarm that is deleted is reviewed: its alarm clears.
      this.#integrity.rowWritten();
      return { id: row.id, label: row.label };
    });
  }

  count(): number {
    return this.#db.select({ n: sql<number>`count(*)` }).from(webhookSources).get()?.n ?? 0;
  }

  /**
   * Enabled sources as the rows say, without checking their MACs (which needs the vault key): for
   * saying that a locked vault refuses alerts, never for deciding whether an alert is taken.
   */
  enabledCount(): number {
    return this.#db.select({ n: sql<number>`count(*)` }).from(webhookSources).where(eq(webhookSources.enabled, true)).get()?.n ?? 0;
  }

  /**
   * The source `token` belongs to (disabled ones too, so the listener can say "disabled" instead of
   * "wrong token"), or undefined. Also returns every stored token hash, for redaction.
   */
  authenticate(token: string | undefined): { source: AuthenticatedSource | undefined; knownHashes: string[] } {
    const now = this.#clock.now();
    const candidates: TokenCandidate<AuthenticatedSource>[] = [];
    const knownHashes: string[] = [];
    for (const row of this.#sourcesForAuth()) {
      candidates.push({ hash: row.tokenHash, owner: row.source });
      knownHashes.push(row.tokenHash);
      if (row.previousTokenHash) {
        knownHashes.push(row.previousTokenHash);
        if (row.previousValidUntil !== null && row.previousValidUntil > now) candidates.push({ hash: row.previousTokenHash, owner: row.source });
      }
    }
    const source = token === undefined ? undefined : matchToken(token, candidates);
    return { source, knownHashes };
  }

  /**
   * Every source's token hashes and scope, read again only after a change: one made here drops
   * them, and one made by another process (the CLI creating or rotating a source while the desktop
   * app listens) changes SQLite's data_version. Reading and parsing every source on each request
   * was a tenth of an alert's time in Keywarden.
   */
  #sourcesForAuth(): readonly SourceForAuth[] {
    const dataVersion = this.#database.dataVersion();
    const rowsKey = this.#integrity.rowsKeyIfUnlocked();
    if (this.#forAuth?.dataVersion !== dataVersion || (rowsKey !== undefined && !this.#forAuth.checked)) {
      const sources: SourceForAuth[] = [];
      for (const row of this.#selectForAuth.all()) {
        // A source whose MAC fails (planted, or its token or scope changed) is as if absent.
        if (rowsKey && !rowMacMatches(rowsKey, 'webhook_sources', row.id, sourceMacFields(row), row.integrityMac)) {
          this.#integrity.tampered(protectedRow.source(row));
          continue;
        }
        sources.push({
          tokenHash: row.tokenHash,
          previousTokenHash: row.previousTokenHash,
          previousValidUntil: row.previousValidUntil,
          source: { id: row.id, label: row.label, enabled: row.enabled, scope: SourceScope.parse(row.scope) },
        });
      }
      this.#forAuth = { dataVersion, checked: rowsKey !== undefined, sources };
    }
    return this.#forAuth.sources;
  }

  /** Every stored token hash (current and previous), for redaction. */
  knownTokenHashes(): string[] {
    return this.authenticate(undefined).knownHashes;
  }

  /** Labels of credential ids, for display (a deleted account shows as its id). */
  #infoMapper(rows: readonly WebhookSourceRow[]): (row: WebhookSourceRow) => WebhookSourceInfo {
    const ids = [...new Set(rows.flatMap((row) => row.scope.accounts ?? []))];
    const labels = new Map(ids.length ? this.#db.select({ id: credentials.id, label: credentials.label }).from(credentials).where(inArray(credentials.id, ids)).all().map((c) => [c.id, c.label] as const) : []);
    const now = this.#clock.now();
    return (row) => {
      const scope = SourceScope.parse(row.scope);
      return {
        id: row.id,
        label: row.label,
        scope,
        accountLabels: scope.accounts ? scope.accounts.map((id) => labels.get(id) ?? `${id} (deleted)`) : null,
        enabled: row.enabled,
        missingScope: scopeGaps(scope),
        createdAt: row.createdAt,
        rotatedAt: row.rotatedAt ?? null,
        previousValidUntil: row.previousTokenHash && row.previousValidUntil !== null && row.previousValidUntil > now ? row.previousValidUntil : null,
      };
    };
  }

  /** Applies a scope change: accounts named by id or label are stored as ids, so a rename changes nothing. */
  #resolveScope(current: SourceScope, raw: SourceScopeInput): SourceScope {
    const parsed = SourceScopeInput.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = ['scope', ...(issue?.path ?? []).map(String)].join('.');
      throw new KeywardenError('INVALID_INPUT', `${field} ${issue?.message ?? 'is not valid'}.`, { field });
    }
    const input = parsed.data;
    let accounts = current.accounts;
    if (input.accounts !== undefined) {
      accounts = input.accounts === null ? null : [...new Set(input.accounts.map((ref) => this.#credentialId(ref)))];
    }
    return SourceScope.parse({
      accounts,
      symbols: input.symbols === undefined ? current.symbols : input.symbols === null ? null : [...new Set(input.symbols)],
      sides: input.sides === undefined ? current.sides : input.sides === null ? null : [...new Set(input.sides)],
      maxNotionalUsd: input.maxNotionalUsd === undefined ? current.maxNotionalUsd : input.maxNotionalUsd,
    });
  }

  #credentialId(ref: string): string {
    try {
      return requireTradingKey(this.#credentials.get(ref)).id;
    } catch (error) {
      if (isKeywardenError(error, 'CREDENTIAL_NOT_FOUND')) {
        throw new KeywardenError('CREDENTIAL_NOT_FOUND', `No account has the id or label "${ref.slice(0, 64)}"; the scope names accounts stored in Keywarden (see the Accounts page, or keywarden list).`, { field: 'scope.accounts' });
      }
      throw error;
    }
  }
}

const noLimits: SourceScope = { accounts: null, symbols: null, sides: null, maxNotionalUsd: null };

/** A source as a backup carries it: what it takes to accept the same token, with the same scope. */
export interface PortableSource {
  readonly id: string;
  readonly label: string;
  readonly tokenHash: string;
  readonly enabled: boolean;
  readonly scope: SourceScope;
  readonly createdAt: number;
}

/**
 * Every source, for a backup (a token in its grace window after a rotation is not carried). One
 * changed outside Keywarden is left out (and raises the alarm).
 */
export function listPortableSources(db: Reader, guard: RowGuard): PortableSource[] {
  const rowsKey = guard.rowsKey();
  const intact = db.select().from(webhookSources).orderBy(webhookSources.createdAt).all().filter((row) => {
    if (rowMacMatches(rowsKey, 'webhook_sources', row.id, sourceMacFields(row), row.integrityMac)) return true;
    guard.tampered(protectedRow.source(row));
    return false;
  });
  return intact.map((row) => ({
    id: row.id,
    label: row.label,
    tokenHash: row.tokenHash,
    enabled: row.enabled,
    scope: SourceScope.parse(row.scope),
    createdAt: row.createdAt,
  }));
}

/**
 * Restores a source from a backup inside the caller's transaction, never over one this vault has:
 * a source that already accepts the same token is left as it is ('unchanged'); a taken label gets
 * " (restored)"; the id is kept when free (it is part of each alert's order key). One without an
 * account or a per-order cap (from an earlier version, or whose keys did not come back) is restored
 * disabled, and `disabledForScope` says so.
 */
export function restorePortableSource(tx: Transaction, clock: Clock, source: PortableSource, actor: AuditActor, guard: RowGuard): { readonly result: 'restored' | 'unchanged'; readonly storedAs: string; readonly disabledForScope: boolean } {
  const same = sourceAcceptingHash(tx, source.tokenHash);
  if (same) return { result: 'unchanged', storedAs: same.label, disabledForScope: false };
  const label = freeLabel(parseLabel(source.label), 'restored', (candidate) => tx.select({ id: webhookSources.id }).from(webhookSources).where(sql`lower(${webhookSources.label}) = lower(${candidate})`).get() !== undefined);
  const id = isRandomId(source.id) && !sourceIdTaken(tx, source.id) ? source.id : newId(tx);
  const scope = SourceScope.parse(source.scope);
  const enabled = source.enabled && scopeGaps(scope).length === 0;
  tx.insert(webhookSources).values({ id, label, tokenHash: source.tokenHash, scope, enabled, createdAt: source.createdAt }).run();
  macSourceRow(tx, guard, id);
  appendAudit(tx, clock, { actor, action: 'webhook.source.restore', subject: id, outcome: 'ok', details: { label, enabled, ...scopeDetails(scope) } });
  return { result: 'restored', storedAs: label, disabledForScope: source.enabled && !enabled };
}

/** MACs a source row as just written (every write to `webhook_sources` ends here). */
function macSourceRow(tx: Transaction, guard: RowGuard, id: string): void {
  const row = tx.select().from(webhookSources).where(eq(webhookSources.id, id)).get();
  if (!row) return;
  tx.update(webhookSources).set({ integrityMac: rowMac(guard.rowsKey(), 'webhook_sources', id, sourceMacFields(row)) }).where(eq(webhookSources.id, id)).run();
  guard.rowWritten();
}

function parseLabel(raw: string): string {
  const parsed = WebhookSourceLabel.safeParse(raw);
  if (!parsed.success) throw new KeywardenError('INVALID_INPUT', `label ${parsed.error.issues[0]?.message ?? 'is not valid'}.`, { field: 'label' });
  return parsed.data;
}

function resolve(tx: Reader, ref: string): WebhookSourceRow {
  const trimmed = ref.trim();
  const row =
    tx.select().from(webhookSources).where(eq(webhookSources.id, trimmed)).get() ??
    tx.select().from(webhookSources).where(sql`lower(${webhookSources.label}) = lower(${trimmed.replace(/\s+/g, ' ')})`).get();
  if (!row) {
    throw new KeywardenError('WEBHOOK_SOURCE_NOT_FOUND', `No alert source has the id or label "${trimmed.slice(0, 64)}". The Webhook page lists them (keywarden webhook sources in the CLI).`, { ref: trimmed.slice(0, 64) });
  }
  return row;
}

/**
 * An enabled source names at least one account and a per-order cap. Turning one on also needs each
 * of its accounts to still exist: a deleted key's id is no account to trade.
 */
function assertEnableable(tx: Reader, label: string, scope: SourceScope, { turningOn }: { readonly turningOn: boolean }): void {
  const gaps = scopeGaps(scope);
  if (gaps.length > 0) throw enablingNeedsScope(label, gaps);
  if (!turningOn || !scope.accounts) return;
  const existing = new Set(tx.select({ id: credentials.id }).from(credentials).where(inArray(credentials.id, scope.accounts)).all().map((row) => row.id));
  if (scope.accounts.some((id) => !existing.has(id))) {
    throw new KeywardenError('CREDENTIAL_NOT_FOUND', `The alert source "${label}" names an account that is no longer in Keywarden. Choose its accounts again on the Webhook page, or with keywarden webhook update-source "${label}" --account <id or label>, then enable it.`, { field: 'scope.accounts' });
  }
}

function assertLabelFree(tx: Reader, label: string, exceptId?: string): void {
  const taken = tx.select({ id: webhookSources.id }).from(webhookSources).where(sql`lower(${webhookSources.label}) = lower(${label})`).get();
  if (taken && taken.id !== exceptId) {
    throw new KeywardenError('DUPLICATE_LABEL', `Another alert source is already called "${label}". Choose a different label.`, { field: 'label' });
  }
}

function newId(tx: Reader): string {
  for (;;) {
    const id = randomId();
    if (!sourceIdTaken(tx, id)) return id;
  }
}

/** Whether a source has this id. */
export function sourceIdTaken(tx: Reader, id: string): boolean {
  return tx.select({ id: webhookSources.id }).from(webhookSources).where(eq(webhookSources.id, id)).get() !== undefined;
}

/** The source that still accepts this token hash (as its token, or in a rotation's grace window), if any. */
export function sourceAcceptingHash(tx: Reader, tokenHash: string): { readonly label: string } | undefined {
  return tx.select({ label: webhookSources.label }).from(webhookSources).where(sql`${webhookSources.tokenHash} = ${tokenHash} OR ${webhookSources.previousTokenHash} = ${tokenHash}`).get();
}

/** The labels of these sources by id (a deleted source is left out), for showing what an event came from. */
export function sourceLabels(db: Reader, ids: readonly string[]): Map<string, string> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  return new Map(db.select({ id: webhookSources.id, label: webhookSources.label }).from(webhookSources).where(inArray(webhookSources.id, wanted)).all().map((row) => [row.id, row.label] as const));
}

/** A source by id as the listener knows it, read without checks (recovery names the source of an old alert). */
export function sourceById(db: Reader, id: string): AuthenticatedSource | undefined {
  return db.select({ id: webhookSources.id, label: webhookSources.label, enabled: webhookSources.enabled, scope: webhookSources.scope }).from(webhookSources).where(eq(webhookSources.id, id)).get();
}

function scopeDetails(scope: SourceScope): Record<string, string | number | null> {
  return {
    accounts: scope.accounts ? scope.accounts.join(',') : null,
    symbols: scope.symbols ? scope.symbols.join(',') : null,
    sides: scope.sides ? scope.sides.join(',') : null,
    maxNotionalUsd: scope.maxNotionalUsd,
  };
}

