/**
 * Stored keys as the window sees them: the list and what each action changes in it, the core's typed
 * refusals handed to the forms, changes made elsewhere, and nothing shown after the vault locked.
 */
import { describe, expect, it, vi } from 'vitest';
import type { CredentialInfo } from '../api/contract-types';
import { credentialInfo, verificationResult } from '../testing/contract-fixtures';
import { createFakeKeywardenApi, deferred, ok, refused } from '../testing/fake-keywarden-api';
import { createCredentialsStore } from './credentials-store';

const SECRET = 'aB3'.repeat(22).slice(0, 64);

function setUp(items: CredentialInfo[] = [credentialInfo()]) {
  let list = items;
  const fake = createFakeKeywardenApi({ 'credentials.list': () => ok(list) });
  const credentials = createCredentialsStore(fake.api);
  return { fake, credentials, setList: (next: CredentialInfo[]) => { list = next; } };
}

describe('credentials store', () => {
  it('lists the keys once asked, and keeps the core’s error when it cannot', async () => {
    const { fake, credentials } = setUp();
    expect(credentials.getState().loaded).toBe(false);
    await credentials.getState().refresh();
    expect(credentials.getState()).toMatchObject({ loaded: true, loadError: null, items: [{ label: 'Binance main' }] });

    fake.answer('credentials.list', () => refused('VAULT_LOCKED', 'The vault is locked.'));
    await credentials.getState().refresh();
    expect(credentials.getState().loadError).toMatchObject({ code: 'VAULT_LOCKED' });
  });

  it('adds a key and shows the new list; the secret it was given is not kept', async () => {
    const { fake, credentials, setList } = setUp([]);
    const added = credentialInfo({ id: 'klmnopqrst', label: 'New key' });
    fake.answer('credentials.create', () => {
      setList([added]);
      return ok(added);
    });
    const result = await credentials.getState().create({ provider: 'binance', label: 'New key', fields: { apiKey: SECRET, secret: SECRET } });
    expect(result).toEqual({ ok: true, value: added });
    expect(credentials.getState().items).toEqual([added]);
    expect(JSON.stringify(credentials.getState())).not.toContain(SECRET);
  });

  it('hands a refused key to the form and leaves the list alone', async () => {
    const { fake, credentials } = setUp();
    await credentials.getState().refresh();
    fake.answer('credentials.create', () => refused('MALFORMED_FIELD', 'A Binance API key is 64 letters and digits; this one has 40 characters.'));
    const result = await credentials.getState().create({ provider: 'binance', label: 'Broken', fields: { apiKey: 'x'.repeat(40), secret: SECRET } });
    expect(result).toMatchObject({ ok: false, error: { code: 'MALFORMED_FIELD' } });
    expect(fake.callsTo('credentials.list')).toHaveLength(1);
    expect(credentials.getState().items).toHaveLength(1);
  });

  it('shows a key as being checked, then its result, and the list the check changed', async () => {
    const { fake, credentials, setList } = setUp([credentialInfo({ status: 'unverified' })]);
    await credentials.getState().refresh();
    const answer = deferred<ReturnType<typeof ok<ReturnType<typeof verificationResult>>>>();
    fake.answer('credentials.verify', () => answer.promise);

    const verifying = credentials.getState().verify('abcdefghij');
    expect(credentials.getState().checking).toEqual({ abcdefghij: true });
    setList([credentialInfo({ status: 'active' })]);
    answer.resolve(ok(verificationResult()));
    await verifying;

    expect(credentials.getState().checking).toEqual({});
    expect(credentials.getState().checks.abcdefghij).toMatchObject({ outcome: 'ok' });
    expect(credentials.getState().items[0]?.status).toBe('active');
  });

  it('drops an answer that arrives after the vault locked, and forgets every key on lock', async () => {
    const { fake, credentials } = setUp();
    await credentials.getState().refresh();
    const answer = deferred<ReturnType<typeof ok<ReturnType<typeof verificationResult>>>>();
    fake.answer('credentials.verify', () => answer.promise);

    const verifying = credentials.getState().verify('abcdefghij');
    fake.emit('vault.locked', { reason: 'idle' });
    expect(credentials.getState()).toMatchObject({ items: [], loaded: false, checking: {} });
    answer.resolve(ok(verificationResult({ message: 'arrived too late' })));
    await verifying;

    expect(credentials.getState().checks).toEqual({});
    expect(JSON.stringify(credentials.getState())).not.toContain('arrived too late');
    expect(fake.callsTo('credentials.list')).toHaveLength(1);
  });

  it('refreshes when a key changes elsewhere (tray, CLI), but not before the list was ever asked for', async () => {
    const { fake, credentials, setList } = setUp();
    fake.emit('credentials.changed', { id: 'abcdefghij', change: 'updated' });
    expect(fake.callsTo('credentials.list')).toHaveLength(0);

    await credentials.getState().refresh();
    setList([credentialInfo({ label: 'Renamed in the CLI' })]);
    fake.emit('credentials.changed', { id: 'abcdefghij', change: 'updated' });
    await vi.waitFor(() => expect(credentials.getState().items[0]?.label).toBe('Renamed in the CLI'));
  });

  it('counts keys as they are checked during "Verify all", then shows every result', async () => {
    const keys = [credentialInfo({ id: 'aaaaaaaaaa' }), credentialInfo({ id: 'bbbbbbbbbb' }), credentialInfo({ id: 'cccccccccc', status: 'revoked' })];
    const { fake, credentials } = setUp(keys);
    await credentials.getState().refresh();
    const answer = deferred<ReturnType<typeof ok<ReturnType<typeof verificationResult>[]>>>();
    fake.answer('credentials.verifyAll', () => answer.promise);

    const running = credentials.getState().verifyAll();
    expect(credentials.getState().verifyAllRun).toEqual({ state: 'running', count: 2, checked: [] });
    fake.emit('credentials.changed', { id: 'aaaaaaaaaa', change: 'verified' });
    expect(credentials.getState().verifyAllRun).toEqual({ state: 'running', count: 2, checked: ['aaaaaaaaaa'] });

    const results = [verificationResult({ credentialId: 'aaaaaaaaaa' }), verificationResult({ credentialId: 'bbbbbbbbbb', outcome: 'invalid-key' })];
    answer.resolve(ok(results));
    await running;
    expect(credentials.getState().verifyAllRun).toEqual({ state: 'done', results });
    expect(credentials.getState().checks.bbbbbbbbbb).toMatchObject({ outcome: 'invalid-key' });
  });

  it('says "Verify all" failed with the core’s error', async () => {
    const { fake, credentials } = setUp();
    fake.answer('credentials.verifyAll', () => refused('VAULT_LOCKED', 'The vault is locked.'));
    await credentials.getState().verifyAll();
    expect(credentials.getState().verifyAllRun).toEqual({ state: 'failed', error: { code: 'VAULT_LOCKED', message: 'The vault is locked.' } });
  });

  it('clears an earlier "can withdraw" result once the risk is accepted', async () => {
    const { fake, credentials } = setUp();
    fake.answer('credentials.verify', () => ok(verificationResult({ tradingBlock: 'withdraw-enabled' })));
    await credentials.getState().verify('abcdefghij');
    fake.answer('credentials.acceptWithdrawRisk', () => ok(credentialInfo({ withdrawRiskAccepted: true })));
    await credentials.getState().acceptWithdrawRisk('abcdefghij');
    expect(credentials.getState().checks).toEqual({});
  });
});
