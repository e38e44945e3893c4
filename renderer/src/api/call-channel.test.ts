/** Every call to window.keywarden ends in one envelope, even when the transport itself breaks. */
import { describe, expect, it } from 'vitest';
import { createFakeKeywardenApi, ok, refused } from '../testing/fake-keywarden-api';
import { vaultStatus } from '../testing/contract-fixtures';
import { callChannel } from './call-channel';

describe('callChannel', () => {
  it('passes the core’s value and its typed refusals through as they are', async () => {
    const status = vaultStatus();
    const fake = createFakeKeywardenApi({ 'vault.status': () => ok(status), 'vault.lock': () => refused('VAULT_NOT_INITIALIZED', 'There is no vault yet.') });
    await expect(callChannel(fake.api, 'vault.status', {})).resolves.toEqual({ ok: true, value: status });
    await expect(callChannel(fake.api, 'vault.lock', {})).resolves.toEqual({ ok: false, error: { code: 'VAULT_NOT_INITIALIZED', message: 'There is no vault yet.' } });
  });

  it('turns a broken transport into a plain INTERNAL error, without the stack or the thrown text', async () => {
    const fake = createFakeKeywardenApi({
      'vault.status': () => {
        throw new Error('ipc channel closed at /home/someone/secret-path');
      },
    });
    const result = await callChannel(fake.api, 'vault.status', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Keywarden did not answer. Nothing was changed; restart the app if this keeps happening.' } });
  });
});
