import { describe, expect, it } from 'vitest';
import { makeBinanceEd25519Key, makeBinanceRsaKey, makeBybitRsaKey } from './keys';
import {
  binanceSignaturePayload,
  bybitSignaturePayload,
  hmacSha256Hex,
  signBinancePayload,
  signBybitPayload,
  verifyBinanceSignature,
  verifyBybitSignature,
  withoutSignatureParam,
} from './signing';

// Known-answer vectors from EXCHANGE-FACTS.md.
const binanceSecret = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

describe('Binance HMAC-SHA256 signing (Binance spot API docs vectors)', () => {
  it('signs the whole parameter string in the query', () => {
    const query = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    const payload = binanceSignaturePayload(query, '');
    expect(hmacSha256Hex(payload, binanceSecret)).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
    expect(verifyBinanceSignature(payload, 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71', binanceSecret)).toBe(true);
  });

  it('signs query + body concatenated with no "&" between them', () => {
    const payload = binanceSignaturePayload('symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC', 'quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559');
    expect(payload).toBe('symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559');
    expect(signBinancePayload(payload, binanceSecret)).toBe('0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77');
  });

  it('leaves the signature parameter out of what is verified, wherever it sits', () => {
    expect(withoutSignatureParam('a=1&signature=abc&b=2')).toBe('a=1&b=2');
    expect(binanceSignaturePayload('a=1&signature=x', 'b=2&signature=y')).toBe('a=1b=2');
  });

  it('rejects a signature made with another secret or over another payload', () => {
    const payload = 'symbol=BTCUSDT&timestamp=1';
    const good = signBinancePayload(payload, binanceSecret);
    expect(verifyBinanceSignature(payload, good, binanceSecret.replace('N', 'M'))).toBe(false);
    expect(verifyBinanceSignature(payload + '0', good, binanceSecret)).toBe(false);
    expect(verifyBinanceSignature(payload, '', binanceSecret)).toBe(false);
  });
});

describe('Binance Ed25519 and RSA signing', () => {
  it.each([
    ['Ed25519', makeBinanceEd25519Key],
    ['RSA', makeBinanceRsaKey],
  ])('verifies a %s signature with the public half and rejects a tampered payload', (_kind, makeKey) => {
    const key = makeKey();
    const payload = 'symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&timestamp=1700000000000';
    const signature = signBinancePayload(payload, key.secret);
    expect(signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(verifyBinanceSignature(payload, signature, key.secret)).toBe(true);
    expect(verifyBinanceSignature(payload.replace('0.001', '0.002'), signature, key.secret)).toBe(false);
    expect(verifyBinanceSignature(payload, signature, makeKey().secret)).toBe(false);
  });

  it('generates PEM secrets that ccxt classifies the same way (Ed25519 ≤ 120 characters, RSA longer)', () => {
    // binance.js sign(): secret.length > 120 → RSA, otherwise Ed25519.
    expect(makeBinanceEd25519Key().secret.length).toBeLessThanOrEqual(120);
    expect(makeBinanceRsaKey().secret.length).toBeGreaterThan(120);
  });
});

describe('Bybit v5 signing', () => {
  it('matches the EXCHANGE-FACTS vector (secret and apiKey "XXXXXXXXXX")', () => {
    const payload = bybitSignaturePayload({
      timestamp: '1658384314791',
      apiKey: 'XXXXXXXXXX',
      recvWindow: '5000',
      payload: 'category=option&symbol=BTC-29JUL22-25000-C',
    });
    expect(payload).toBe('1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C');
    expect(signBybitPayload(payload, 'XXXXXXXXXX')).toBe('c00720f96c5934ca7057ac28ae65b823f83b8b67a8fe784e7795ca0fa3c148ec');
    expect(verifyBybitSignature(payload, 'c00720f96c5934ca7057ac28ae65b823f83b8b67a8fe784e7795ca0fa3c148ec', 'XXXXXXXXXX')).toBe(true);
    expect(verifyBybitSignature(payload, 'c00720f96c5934ca7057ac28ae65b823f83b8b67a8fe784e7795ca0fa3c148ed', 'XXXXXXXXXX')).toBe(false);
  });

  it('verifies RSA signatures for self-generated keys', () => {
    const key = makeBybitRsaKey();
    const payload = bybitSignaturePayload({ timestamp: '1', apiKey: key.apiKey, recvWindow: '5000', payload: '{"category":"spot"}' });
    const signature = signBybitPayload(payload, key.secret);
    expect(verifyBybitSignature(payload, signature, key.secret)).toBe(true);
    expect(verifyBybitSignature(payload + ' ', signature, key.secret)).toBe(false);
  });
});
