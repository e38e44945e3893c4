/**
 * Issue 16: in the desktop app, a person allows a program a key once (this session, always) or
 * denies it; no answer in time, a lock or a closed window is a denial. Real core in a temp folder;
 * the two-minute deadline runs on a timer the test moves.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import type { ReleaseApprovalRequest } from './key-release-schema';
import type { ApprovalTimer } from './release-approvals';
import { invokeChannel } from '../../api/handlers';
import { makeBinanceHmacKey, type TestKey } from '../../testing/fake-exchange';
import { tamperWhileLocked } from '../../testing/tamper-while-locked';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';

class ManualTimer implements ApprovalTimer {
  readonly running = new Set<{ ms: number; expired: () => void }>();
  start(ms: number, expired: () => void): () => void {
    const entry = { ms, expired };
    this.running.add(entry);
    return () => this.running.delete(entry);
  }
  expireAll(): void {
    for (const entry of [...this.running]) entry.expired();
  }
}

const BOT = ['/usr/bin/python3', '-u', 'bot.py', '--live'];

describe('asking a person before a program reads a key', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let timer: ManualTimer;
  let key: TestKey;
  let other: TestKey;
  let id: string;
  let otherId: string;
  let requests: ReleaseApprovalRequest[];

  const start = async (fresh: boolean) => {
    core = createTestCore(temp.home);
    if (fresh) await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
    else await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
    timer = new ManualTimer();
    core.releaseApprovals.askPeople(true, timer);
    requests = [];
    core.events.on('release.approvalRequested', (request) => void requests.push(request));
  };

  beforeEach(async () => {
    temp = makeTempHome('keywarden-approvals-');
    await start(true);
    key = makeBinanceHmacKey();
    other = makeBinanceHmacKey();
    id = (await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'cli')).id;
    otherId = (await core.credentials.create({ provider: 'binance', label: 'Binance sub', fields: other }, 'cli')).id;
    for (const ref of [id, otherId]) core.credentials.update({ ref, allowPrograms: true }, 'cli');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const release = (command = BOT, references = [{ key: 'Binance main', field: 'secret' }]) =>
    invokeChannel(core, 'credentials.release', { references, command, cwd: '/home/me/bot' }, { actor: 'cli' });
  /** Starts a release and waits until it asks; the answer comes later. */
  const asked = async (command = BOT, references?: { key: string; field: string }[]) => {
    const before = requests.length;
    const answer = release(command, references);
    await expect.poll(() => requests.length).toBe(before + 1);
    return { answer, request: requests.at(-1)! };
  };
  const answer = (requestId: string, reply: 'session' | 'always' | 'deny') => invokeChannel(core, 'credentials.answerRelease', { requestId, answer: reply }, { actor: 'ui' });
  const approvalsAudited = () => core.audit.list({ actionPrefix: 'credential.release', limit: 20 }).map((row) => [row.outcome, row.details?.['approval'] ?? row.details?.['code']]);

  it('waits for the answer, names the program, folder, keys and fields (never a value), and remembers "this session"', async () => {
    const { answer: released, request } = await asked();
    expect(request).toEqual({ requestId: expect.any(String), program: 'python3 bot.py', cwd: '/home/me/bot', keys: [{ id, label: 'Binance main', fields: ['secret'] }], timeoutMs: 120_000 });
    expect(await invokeChannel(core, 'credentials.waitingReleases', {}, { actor: 'ui' })).toEqual({ ok: true, value: { requests: [request] } });
    expect(core.credentials.get(id).useCount).toBe(0);

    expect(await answer(request.requestId, 'session')).toEqual({ ok: true, value: {} });
    expect(await released).toEqual({ ok: true, value: { released: [{ key: 'Binance main', field: 'secret', secret: key.secret }] } });
    // The same program again: not asked; another script: asked.
    expect((await release(['python3', 'bot.py'])).ok).toBe(true);
    const second = await asked(['python3', 'other.py']);
    await answer(second.request.requestId, 'deny');
    await second.answer;
    expect(approvalsAudited()).toEqual([['denied', 'RELEASE_DENIED'], ['ok', 'session-remembered'], ['ok', 'session']]);
    const everything = JSON.stringify([requests, core.audit.list({ limit: 100 })]);
    expect(everything).not.toContain(key.secret);
    expect(everything).not.toContain(key.apiKey);
  });

  it('refuses a denied release with a clear message, audited, and counts no use', async () => {
    const { answer: released, request } = await asked();
    await answer(request.requestId, 'deny');
    expect(await released).toEqual({ ok: false, error: { code: 'RELEASE_DENIED', message: "You denied `python3 bot.py` access to 'Binance main' in Keywarden.", details: { reason: 'deny' } } });
    expect(core.credentials.get(id).useCount).toBe(0);
    expect(approvalsAudited()).toEqual([['denied', 'RELEASE_DENIED']]);
    expect(await answer(request.requestId, 'session')).toMatchObject({ ok: false, error: { code: 'RELEASE_NOT_WAITING' } });
  });

  it('asks once for several keys, listing them all', async () => {
    const { answer: released, request } = await asked(BOT, [{ key: 'Binance main', field: 'apiKey' }, { key: 'Binance sub', field: 'secret' }, { key: 'Binance main', field: 'secret' }]);
    expect(request.keys).toEqual([{ id, label: 'Binance main', fields: ['apiKey', 'secret'] }, { id: otherId, label: 'Binance sub', fields: ['secret'] }]);
    await answer(request.requestId, 'deny');
    expect(await released).toMatchObject({ ok: false, error: { message: "You denied `python3 bot.py` access to 'Binance main' and 'Binance sub' in Keywarden." } });
  });

  it('denies when nobody answers within two minutes, when the vault locks, or when the window closes', async () => {
    const first = await asked();
    expect([...timer.running].map((entry) => entry.ms)).toEqual([120_000]);
    timer.expireAll();
    expect(await first.answer).toMatchObject({ ok: false, error: { code: 'RELEASE_DENIED', message: "Nobody answered in Keywarden within 2 minutes, so `python3 bot.py` was not given 'Binance main'." } });

    const second = await asked();
    core.vault.lock('user', 'ui');
    expect(await second.answer).toMatchObject({ ok: false, error: { code: 'RELEASE_DENIED', message: expect.stringContaining('Keywarden locked before anyone answered') } });

    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
    const third = await asked();
    core.releaseApprovals.windowClosed();
    expect(await third.answer).toMatchObject({ ok: false, error: { code: 'RELEASE_DENIED', message: expect.stringContaining('window closed') } });
    expect(timer.running.size).toBe(0);
    expect(core.credentials.get(id).useCount).toBe(0);
  });

  it('tells the waiting program what it waits for, and withdraws the question when the program stops waiting', async () => {
    const notices: { code: string; message: string }[] = [];
    const ended: string[] = [];
    core.events.on('release.approvalEnded', ({ requestId }) => void ended.push(requestId));
    const program = new AbortController();
    const released = invokeChannel(core, 'credentials.release', { references: [{ key: 'Binance main', field: 'secret' }], command: BOT, cwd: '/home/me/bot' }, { actor: 'cli', notice: (notice) => void notices.push(notice), signal: program.signal });
    await expect.poll(() => requests.length).toBe(1);
    expect(notices).toEqual([{ code: 'AWAITING_APPROVAL', message: "Waiting for you to allow `python3 bot.py` to read 'Binance main' in the Keywarden window (up to 2 minutes; Ctrl-C to give up)…" }]);
    program.abort();
    expect(await released).toEqual({ ok: false, error: { code: 'RELEASE_DENIED', message: "`python3 bot.py` stopped waiting before anyone answered, so it was not given 'Binance main'.", details: { reason: 'withdrawn' } } });
    // The window stops asking: the request ended, nothing waits, and a late answer is refused.
    expect(ended).toEqual([requests[0]!.requestId]);
    expect(await invokeChannel(core, 'credentials.waitingReleases', {}, { actor: 'ui' })).toEqual({ ok: true, value: { requests: [] } });
    expect(await answer(requests[0]!.requestId, 'always')).toMatchObject({ ok: false, error: { code: 'RELEASE_NOT_WAITING' } });
    expect(timer.running.size).toBe(0);
    expect(approvalsAudited()).toEqual([['denied', 'RELEASE_DENIED']]);

    // An answer ends a request too.
    const { answer: allowed, request } = await asked();
    await answer(request.requestId, 'session');
    expect(await allowed).toMatchObject({ ok: true });
    expect(ended).toEqual([requests[0]!.requestId, request.requestId]);
  });

  it('refuses what cannot be released before asking anyone: a field too short to conceal, a missing field', async () => {
    const okx = (await core.credentials.create({ provider: 'okx', label: 'OKX', fields: { apiKey: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', secret: 'A1B2C3D4E5F60718293A4B5C6D7E8F90', password: 'short' } }, 'cli')).id;
    core.credentials.update({ ref: okx, allowPrograms: true }, 'cli');
    expect(await release(BOT, [{ key: 'OKX', field: 'secret' }, { key: 'OKX', field: 'password' }])).toEqual({
      ok: false,
      error: { code: 'KEY_NOT_RELEASABLE', message: `The password of "OKX" is shorter than 8 characters, too short to be concealed in a program's output; it is not handed to programs.`, details: { key: okx } },
    });
    expect(await release(BOT, [{ key: 'Binance main', field: 'password' }])).toMatchObject({ ok: false, error: { code: 'CREDENTIAL_FIELD_NOT_FOUND' } });
    expect(requests).toEqual([]);
    expect(core.credentials.get(okx).useCount).toBe(0);
  });

  it('keeps "always" across a restart and "this session" only until the vault locks or the app quits', async () => {
    const always = await asked();
    await answer(always.request.requestId, 'always');
    expect((await always.answer).ok).toBe(true);
    const session = await asked(['node', 'bot.js'], [{ key: 'Binance sub', field: 'secret' }]);
    await answer(session.request.requestId, 'session');
    await session.answer;
    expect(await invokeChannel(core, 'credentials.releaseApprovals', { ref: id }, { actor: 'ui' })).toEqual({ ok: true, value: { approvals: [{ program: 'python3 bot.py', since: expect.any(Number) }] } });

    core.vault.lock('user', 'ui');
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
    expect((await release()).ok).toBe(true);
    const afterLock = await asked(['node', 'bot.js'], [{ key: 'Binance sub', field: 'secret' }]);
    await answer(afterLock.request.requestId, 'session');
    await afterLock.answer;

    core.close();
    await start(false);
    expect((await release()).ok).toBe(true);
    const afterRestart = await asked(['node', 'bot.js'], [{ key: 'Binance sub', field: 'secret' }]);
    await answer(afterRestart.request.requestId, 'deny');
    await afterRestart.answer;
    expect(approvalsAudited()[1]).toEqual(['ok', 'always-remembered']);
    expect(core.integrity.alarms()).toEqual([]);
  });

  it('forgets both kinds when programs are no longer allowed to use the key, and when a person forgets one', async () => {
    const always = await asked();
    await answer(always.request.requestId, 'always');
    await always.answer;
    const session = await asked(['node', 'bot.js']);
    await answer(session.request.requestId, 'session');
    await session.answer;

    core.credentials.update({ ref: id, allowPrograms: false }, 'ui');
    core.credentials.update({ ref: id, allowPrograms: true }, 'ui');
    for (const command of [BOT, ['node', 'bot.js']]) {
      const again = await asked(command);
      await answer(again.request.requestId, 'always');
      await again.answer;
    }
    expect(await invokeChannel(core, 'credentials.forgetReleaseApproval', { ref: 'Binance main', program: 'node bot.js' }, { actor: 'ui' })).toMatchObject({ ok: true, value: { approvals: [{ program: 'python3 bot.py' }] } });
    await asked(['node', 'bot.js']).then(({ request, answer: pending }) => answer(request.requestId, 'deny').then(() => pending));
    await core.keyRetirement.revoke(id, 'keep', 'cli');
    expect(core.releaseApprovals.alwaysAllowed(id)).toEqual([]);
  });

  it('does not ask where no person can answer: the headless agent and the CLI release by the key\'s switch alone', async () => {
    core.releaseApprovals.askPeople(false);
    expect((await release()).ok).toBe(true);
    expect(requests).toEqual([]);
    expect(approvalsAudited()).toEqual([['ok', 'not-asked']]);
  });

  it('lets only the window answer, and treats approvals changed outside Keywarden as none, with the alarm', async () => {
    const { answer: released, request } = await asked();
    for (const actor of ['cli', 'tray', 'system'] as const) {
      expect(await invokeChannel(core, 'credentials.answerRelease', { requestId: request.requestId, answer: 'always' }, { actor })).toMatchObject({ ok: false, error: { code: 'CALLER_REFUSED' } });
    }
    await answer(request.requestId, 'always');
    await released;
    await tamperWhileLocked(core, temp.home, [["UPDATE settings SET value = json_insert(value, '$[#]', json_object('keyId', ?, 'program', 'curl evil.sh', 'since', 0)) WHERE key = 'credentials.releaseApprovals'", otherId]]);
    expect(core.integrity.alarms()).toContainEqual({ table: 'settings', key: 'credentials.releaseApprovals', label: 'the programs allowed to read keys' });
    const planted = await asked(['curl', 'evil.sh'], [{ key: 'Binance sub', field: 'secret' }]);
    await answer(planted.request.requestId, 'deny');
    expect(await planted.answer).toMatchObject({ ok: false, error: { code: 'RELEASE_DENIED' } });
  });
});
