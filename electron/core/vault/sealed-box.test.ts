import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptError } from '../errors';
import { gcmDecrypt, gcmEncrypt, keyVersionOf, open, seal } from './sealed-box';

const hex = (text: string) => Buffer.from(text, 'hex');

describe('AES-256-GCM primitive', () => {
  // GCM specification, test case 16 (EXCHANGE-FACTS.md).
  const K = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
  const IV = hex('cafebabefacedbaddecaf888');
  const AAD = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  const PT = hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
  const CT = '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662';
  const TAG = '76fc6ece0f4e1768cddf8853bb2d551b';

  it('matches the known-answer vector', () => {
    const { ciphertext, tag } = gcmEncrypt(K, IV, AAD, PT);
    expect(ciphertext.toString('hex')).toBe(CT);
    expect(tag.toString('hex')).toBe(TAG);
    expect(gcmDecrypt(K, IV, AAD, hex(CT), hex(TAG))).toEqual(PT);
  });
});

describe('sealed blobs', () => {
  const key = randomBytes(32);
  const context = 'credential:abc:secret:v3';
  const secret = Buffer.from('NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j');

  it('round-trips, and records the key version in the header', () => {
    const blob = seal(key, 3, context, secret);
    expect(keyVersionOf(blob)).toBe(3);
    expect(open(key, context, blob, 'secret')).toEqual(secret);
    expect(blob.includes(secret)).toBe(false);
  });

  it('round-trips empty and large values', () => {
    for (const value of [Buffer.alloc(0), randomBytes(100_000)]) {
      expect(open(key, context, seal(key, 1, context, value), 'x')).toEqual(value);
    }
  });

  it('refuses a wrong key', () => {
    const blob = seal(key, 3, context, secret);
    expect(() => open(randomBytes(32), context, blob, 'secret')).toThrow(DecryptError);
  });

  it('refuses a blob moved to another row or field', () => {
    const blob = seal(key, 3, context, secret);
    expect(() => open(key, 'credential:xyz:secret:v3', blob, 'secret')).toThrow(DecryptError);
    expect(() => open(key, 'credential:abc:apiKey:v3', blob, 'secret')).toThrow(DecryptError);
    expect(() => open(key, 'credential:abc:secret:v4', blob, 'secret')).toThrow(DecryptError);
  });

  it('refuses any single flipped bit, in header, nonce, ciphertext or tag', () => {
    const blob = seal(key, 3, context, secret);
    for (let byte = 0; byte < blob.length; byte += 1) {
      const tampered = Buffer.from(blob);
      tampered[byte] = (tampered[byte] ?? 0) ^ 0x01;
      expect(() => open(key, context, tampered, 'secret'), `byte ${byte}`).toThrow(DecryptError);
    }
  });

  it('refuses truncated, extended, empty and unknown-format blobs', () => {
    const blob = seal(key, 3, context, secret);
    for (const bad of [blob.subarray(0, blob.length - 1), Buffer.concat([blob, Buffer.from([0])]), Buffer.alloc(0), blob.subarray(0, 20), Buffer.concat([Buffer.from([2]), blob.subarray(1)])]) {
      expect(() => open(key, context, bad, 'secret')).toThrow(DecryptError);
    }
  });

  it('gives a plain message that names the secret, never its value', () => {
    const blob = seal(key, 3, context, secret);
    try {
      open(randomBytes(32), context, blob, 'API secret of "Binance main"');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DecryptError);
      expect((error as DecryptError).code).toBe('DECRYPT_FAILED');
      expect((error as Error).message).toContain('API secret of "Binance main"');
      expect((error as Error).message).not.toContain(secret.toString());
    }
  });

  it('never repeats a nonce', () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 20_000; i += 1) nonces.add(seal(key, 1, context, secret).subarray(5, 17).toString('hex'));
    expect(nonces.size).toBe(20_000);
  });

  it('never produces the same ciphertext twice for the same plaintext', () => {
    expect(seal(key, 1, context, secret).equals(seal(key, 1, context, secret))).toBe(false);
  });
});
