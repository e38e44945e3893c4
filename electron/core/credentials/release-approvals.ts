/**
 * The desktop app asks a person before a program reads a key, once per program and key, as
 * 1Password's CLI approval does. Only a host that can show a window asks (`askPeople`); the headless
 * agent and a CLI that opens the vault itself release by the key's "allow programs" switch alone.
 * A request waits for one answer: `session` (remembered in memory until the vault locks or the app
 * quits), `always` (stored, MAC'd: always-approvals.ts) or `deny`. No answer within two minutes, the
 * window closed or the vault locked is a denial. Revoking, rotating or deleting a key, or turning its
 * switch off, forgets its approvals of both kinds.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import { KeywardenError } from '../errors';
import type { AlwaysApprovals } from './always-approvals';
import type { CredentialModuleContext } from './credential-rows';
import type { ReleaseAnswer, ReleaseApprovalRequest } from './key-release-schema';

/** How long a program waits for a person before its request is denied. */
export const ANSWER_TIMEOUT_MS = 2 * 60_000;

/** Starts the answer's deadline; returns the function that cancels it. Injected by tests. */
export interface ApprovalTimer {
  start(ms: number, expired: () => void): () => void;
}

const realTimer: ApprovalTimer = {
  start(ms, expired) {
    const timer = setTimeout(expired, ms);
    // A waiting request must not keep a process alive that is otherwise done.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** How a key's release was allowed: recorded in the audit log. */
export type Approval = 'not-asked' | 'session' | 'always' | 'session-remembered' | 'always-remembered';

type Denial = 'deny' | 'timeout' | 'locked' | 'closed' | 'withdrawn';

/** What a caller of `approve` may pass: a note for the program while a person is asked, and its giving up. */
export interface AskingOptions {
  /** Told once the question is on screen, so the program can say what it waits for. */
  readonly whileAsking?: ((message: string) => void) | undefined;
  /** Aborted when the program stops waiting (its connection closed): the question is withdrawn. */
  readonly signal?: AbortSignal | undefined;
}

interface Waiting {
  readonly request: ReleaseApprovalRequest;
  readonly settle: (answer: ReleaseAnswer | Denial) => void;
}

export interface KeyToApprove {
  readonly id: string;
  readonly label: string;
  readonly fields: readonly string[];
}

/**
 * "The program" an answer is remembered for: the command's program name and its script, e.g.
 * `python bot.py` for `/usr/bin/python -u bot.py --live` (the first argument that is not an option).
 */
export function programOf(command: readonly string[]): string {
  const [first = '', ...rest] = command;
  const name = path.basename(first.replaceAll('\\', '/'));
  const script = rest.find((argument) => !argument.startsWith('-'));
  return script === undefined ? name : `${name} ${script}`;
}

export class ReleaseApprovals {
  readonly #context: CredentialModuleContext;
  readonly #always: AlwaysApprovals;
  readonly #waiting = new Map<string, Waiting>();
  /** keyId → program → the key's fingerprint when allowed (a rotated key is a new key). */
  readonly #session = new Map<string, Map<string, string>>();
  #timer: ApprovalTimer | undefined;

  constructor(context: CredentialModuleContext, always: AlwaysApprovals) {
    this.#context = context;
    this.#always = always;
    context.events.on('vault.locked', () => {
      this.#session.clear();
      this.#denyWaiting('locked');
    });
    context.events.on('credentials.changed', ({ id, change }) => {
      if (change === 'updated' || change === 'deleted') this.#forgetSessionIfChanged(id);
    });
  }

  /**
   * The host says whether a person can be asked now (the desktop app, while it can show a window).
   * Turning it off denies what waits. `timer` is for tests.
   */
  askPeople(on: boolean, timer: ApprovalTimer = realTimer): void {
    this.#timer = on ? timer : undefined;
    if (!on) this.#denyWaiting('closed');
  }

  /** The window that would show the question closed: what waits is denied. */
  windowClosed(): void {
    this.#denyWaiting('closed');
  }

  /**
   * Resolves with how each key was allowed, asking a person for those not allowed yet for this
   * program; refuses with RELEASE_DENIED when the answer is no (or none comes).
   */
  async approve(keys: readonly KeyToApprove[], program: string, cwd: string, asking: AskingOptions = {}): Promise<Map<string, Approval>> {
    const approvals = new Map<string, Approval>();
    const timer = this.#timer;
    if (!timer) {
      for (const key of keys) approvals.set(key.id, 'not-asked');
      return approvals;
    }
    const unanswered: KeyToApprove[] = [];
    for (const key of keys) {
      const remembered = this.#remembered(key.id, program);
      if (remembered) approvals.set(key.id, remembered);
      else unanswered.push(key);
    }
    if (unanswered.length === 0) return approvals;
    const answer = await this.#ask({ requestId: randomUUID(), program, cwd, keys: unanswered.map((key) => ({ id: key.id, label: key.label, fields: [...key.fields] })), timeoutMs: ANSWER_TIMEOUT_MS }, timer, asking);
    if (answer !== 'session' && answer !== 'always') throw denied(answer, program, unanswered);
    this.#remember(unanswered, program, answer);
    for (const key of unanswered) approvals.set(key.id, answer);
    return approvals;
  }

  /** A person's answer from the window. */
  answer(requestId: string, answer: ReleaseAnswer): void {
    const waiting = this.#waiting.get(requestId);
    if (!waiting) throw new KeywardenError('RELEASE_NOT_WAITING', 'That request is no longer waiting: it was answered, it timed out, or the vault locked.');
    waiting.settle(answer);
  }

  /** The requests waiting for an answer, oldest first (a window that opens after they were asked shows them). */
  waiting(): ReleaseApprovalRequest[] {
    return [...this.#waiting.values()].map((entry) => entry.request);
  }

  /** The programs allowed to read this key always, with when. */
  alwaysAllowed(keyRef: string): { program: string; since: number }[] {
    const { id } = this.#context.rows.resolve(keyRef);
    return this.#always.list().filter((approval) => approval.keyId === id).map(({ program, since }) => ({ program, since }));
  }

  /** Forgets that `program` may read the key (always, and this session): it is asked again next time. Audited when one was stored. */
  forget(keyRef: string, program: string, actor: AuditActor): void {
    const { database, clock, rows, vault } = this.#context;
    vault.requireKeyring();
    const id = database.db.transaction((tx) => {
      const row = rows.resolve(keyRef, tx);
      if (this.#always.forget(tx, row.id, program)) {
        appendAudit(tx, clock, { actor, action: 'credential.releaseApprovalForgotten', subject: row.id, outcome: 'ok', details: { label: row.label, program: program.slice(0, 500) } });
      }
      return row.id;
    }, { behavior: 'immediate' });
    this.#session.get(id)?.delete(program);
  }

  #ask(request: ReleaseApprovalRequest, timer: ApprovalTimer, { whileAsking, signal }: AskingOptions): Promise<ReleaseAnswer | Denial> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve('withdrawn');
      const withdraw = () => settle('withdrawn');
      const stop = timer.start(request.timeoutMs, () => settle('timeout'));
      const settle = (answer: ReleaseAnswer | Denial) => {
        if (!this.#waiting.delete(request.requestId)) return;
        stop();
        signal?.removeEventListener('abort', withdraw);
        this.#context.events.emit('release.approvalEnded', { requestId: request.requestId });
        resolve(answer);
      };
      this.#waiting.set(request.requestId, { request, settle });
      signal?.addEventListener('abort', withdraw, { once: true });
      this.#context.events.emit('release.approvalRequested', request);
      whileAsking?.(`Waiting for you to allow \`${request.program}\` to read ${namedKeys(request.keys)} in the Keywarden window (up to ${ANSWER_TIMEOUT_MS / 60_000} minutes; Ctrl-C to give up)…`);
    });
  }

  #remembered(keyId: string, program: string): Approval | undefined {
    const fingerprint = this.#session.get(keyId)?.get(program);
    if (fingerprint !== undefined && fingerprint === this.#context.rows.byId(keyId)?.fingerprint) return 'session-remembered';
    return this.#always.has(keyId, program) ? 'always-remembered' : undefined;
  }

  #remember(keys: readonly KeyToApprove[], program: string, answer: 'session' | 'always'): void {
    if (answer === 'always') {
      this.#context.database.db.transaction((tx) => {
        for (const key of keys) this.#always.add(tx, key.id, program);
      }, { behavior: 'immediate' });
      return;
    }
    for (const key of keys) {
      const fingerprint = this.#context.rows.byId(key.id)?.fingerprint;
      if (fingerprint === undefined) continue;
      const programs = this.#session.get(key.id) ?? new Map<string, string>();
      programs.set(program, fingerprint);
      this.#session.set(key.id, programs);
    }
  }

  /** A key revoked, rotated, deleted or no longer allowed for programs: this session's answers for it no longer hold. */
  #forgetSessionIfChanged(keyId: string): void {
    if (!this.#session.has(keyId)) return;
    const row = this.#context.rows.byId(keyId);
    if (!row || row.status === 'revoked' || !row.allowPrograms) return void this.#session.delete(keyId);
    const programs = this.#session.get(keyId)!;
    for (const [program, fingerprint] of programs) if (fingerprint !== row.fingerprint) programs.delete(program);
  }

  #denyWaiting(why: Denial): void {
    for (const entry of [...this.#waiting.values()]) entry.settle(why);
  }
}

const REFUSAL_REASON: Record<Denial, (program: string, keys: string) => string> = {
  deny: (program, keys) => `You denied \`${program}\` access to ${keys} in Keywarden.`,
  timeout: (program, keys) => `Nobody answered in Keywarden within ${ANSWER_TIMEOUT_MS / 60_000} minutes, so \`${program}\` was not given ${keys}.`,
  locked: (program, keys) => `Keywarden locked before anyone answered, so \`${program}\` was not given ${keys}.`,
  closed: (program, keys) => `The Keywarden window closed before anyone answered, so \`${program}\` was not given ${keys}.`,
  withdrawn: (program, keys) => `\`${program}\` stopped waiting before anyone answered, so it was not given ${keys}.`,
};

function denied(why: Denial, program: string, keys: readonly KeyToApprove[]): KeywardenError {
  return new KeywardenError('RELEASE_DENIED', REFUSAL_REASON[why](program, namedKeys(keys)), { reason: why });
}

/** 'Binance main', or 'Binance main' and 'OpenAI': the keys a question or a refusal is about. */
function namedKeys(keys: readonly { readonly label: string }[]): string {
  const labels = keys.map((key) => `'${key.label}'`);
  return labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)!}`;
}
