/** Which key fields may be shown: the preview's field, and none of a key that has only secrets. */
import { describe, expect, it } from 'vitest';
import { identifyingFields, previewFieldOf } from './credential-field-roles';

describe('credential field roles', () => {
  it('takes only public fields for identifying ones: no secret, private key, passphrase or token', () => {
    expect(identifyingFields).toEqual(['apiKey', 'walletAddress', 'uid', 'accountId', 'login']);
  });

  it('previews a key by its API key, else by what names its account, else by nothing', () => {
    expect(previewFieldOf(['apiKey', 'secret', 'uid'])).toBe('apiKey');
    expect(previewFieldOf(['privateKey', 'walletAddress'])).toBe('walletAddress');
    expect(previewFieldOf(['secret', 'uid'])).toBe('uid');
    expect(previewFieldOf(['privateKey'])).toBeUndefined();
    expect(previewFieldOf(['secret'])).toBeUndefined();
  });
});
