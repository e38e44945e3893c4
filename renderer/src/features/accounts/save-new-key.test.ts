/** Test and save stores only a key its provider accepts; plain save stores it unverified. */
import { describe, expect, it } from 'vitest';
import { createCredentialsStore } from '../../stores/credentials-store';
import { credentialInfo, verificationResult } from '../../testing/contract-fixtures';
import { createFakeKeywardenApi, ok, refused } from '../../testing/fake-keywarden-api';
import { fieldOfError, saveNewKey } from './save-new-key';

const input = { provider: 'openai', label: 'OpenAI main', fields: { apiKey: 'sk-test' } };
const saved = credentialInfo({ kind: 'ai', provider: 'openai', label: 'OpenAI main', preview: '••••', permissions: null });

function setUp(outcome: 'ok' | 'no-credit' | 'invalid-key') {
  const fake = createFakeKeywardenApi({
    'credentials.test': () => ok({ outcome, message: outcome === 'invalid-key' ? 'OpenAI did not accept this key, so it was not saved.' : 'OpenAI accepted the key.', action: outcome === 'invalid-key' ? 'Copy the key again.' : null, permissions: null }),
    'credentials.create': () => ok(saved),
    'credentials.verify': () => ok(verificationResult({ provider: 'openai' })),
    'credentials.list': () => ok([saved]),
  });
  return { fake, store: createCredentialsStore(fake.api) };
}

describe('saveNewKey', () => {
  it('tests, saves and checks a key that works, including one whose account has no credit', async () => {
    for (const outcome of ['ok', 'no-credit'] as const) {
      const { fake, store } = setUp(outcome);
      await expect(saveNewKey(store.getState(), input, true)).resolves.toEqual({ state: 'saved', credential: saved, tested: true });
      expect(fake.callsTo('credentials.test')).toEqual([{ provider: 'openai', environment: 'live', fields: { apiKey: 'sk-test' } }]);
      expect(fake.callsTo('credentials.create')).toEqual([input]);
      expect(fake.callsTo('credentials.verify')).toEqual([{ ref: saved.id }]);
    }
  });

  it('saves nothing when the provider refuses the key, and says why with what to do', async () => {
    const { fake, store } = setUp('invalid-key');
    await expect(saveNewKey(store.getState(), input, true)).resolves.toEqual({ state: 'refused', message: 'OpenAI did not accept this key, so it was not saved. Copy the key again.' });
    expect(fake.callsTo('credentials.create')).toEqual([]);
  });

  it('saves nothing when the provider cannot be asked, and passes the core’s error on', async () => {
    const { fake, store } = setUp('ok');
    fake.answer('credentials.test', () => refused('SERVICE_UNREACHABLE', 'OpenAI could not be reached (timed out); the key was not saved.'));
    const outcome = await saveNewKey(store.getState(), input, true);
    expect(outcome).toEqual({ state: 'failed', error: { code: 'SERVICE_UNREACHABLE', message: 'OpenAI could not be reached (timed out); the key was not saved.' } });
    expect(fake.callsTo('credentials.create')).toEqual([]);
  });

  it('saves without testing when asked to, and does not check it', async () => {
    const { fake, store } = setUp('invalid-key');
    await expect(saveNewKey(store.getState(), input, false)).resolves.toEqual({ state: 'saved', credential: saved, tested: false });
    expect(fake.callsTo('credentials.test')).toEqual([]);
    expect(fake.callsTo('credentials.verify')).toEqual([]);
  });
});

describe('fieldOfError', () => {
  it('names a field of the form only', () => {
    const error = { code: 'MALFORMED_FIELD', message: 'x', details: { field: 'apiKey' } } as const;
    expect(fieldOfError(error, ['label', 'apiKey'])).toBe('apiKey');
    expect(fieldOfError(error, ['label'])).toBeNull();
    expect(fieldOfError({ code: 'INTERNAL', message: 'x' }, ['label'])).toBeNull();
  });
});
