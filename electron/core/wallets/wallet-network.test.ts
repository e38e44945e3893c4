/** The wallet's network settings: chain ids, RPC URLs (never echoed), token lists and clusters. */
import { describe, expect, it } from 'vitest';
import { KeywardenError } from '../errors';
import { evmChainLabel } from './known-networks';
import { readChainId, readRpcUrl, readSolanaCluster, readTokenContracts, readTokenMints, rpcHostOf, splitStoredList } from './wallet-network';

const USDC_POLYGON = '0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359';
const PUSD = '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB';
const USDC_MINT = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const USDT_MINT = 'Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB';

function refusal(read: () => unknown): KeywardenError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(KeywardenError);
    return error as KeywardenError;
  }
  throw new Error('expected a refusal');
}

describe('chain ids', () => {
  it('reads decimal and 0x-hex, stores decimal', () => {
    expect(readChainId('137')).toBe('137');
    expect(readChainId(' 0x89 ')).toBe('137');
    expect(readChainId('0xaa36a7')).toBe('11155111');
    expect(readChainId(String(2 ** 53))).toBe(String(2 ** 53));
  });

  it('refuses zero, negatives, fractions, words and ids beyond 2^53', () => {
    for (const text of ['0', '-1', '1.5', 'polygon', String(2n ** 53n + 1n), '0x', '']) {
      expect(refusal(() => readChainId(text)).details).toEqual({ field: 'chainId' });
    }
  });

  it('names well-known chains', () => {
    expect(evmChainLabel(137)).toBe('Polygon (137)');
    expect(evmChainLabel(424242)).toBe('chain 424242');
  });
});

describe('RPC URLs', () => {
  const secretPath = 'https://polygon-mainnet.g.alchemy.com/v2/sk-SECRETKEY123';

  it('accepts http(s) and keeps the path', () => {
    expect(readRpcUrl(` ${secretPath} `)).toBe(secretPath);
    expect(readRpcUrl('http://127.0.0.1:8545')).toBe('http://127.0.0.1:8545/');
    expect(rpcHostOf(secretPath)).toBe('polygon-mainnet.g.alchemy.com');
  });

  it('refuses other schemes, credentials, junk and great length, naming the host only', () => {
    const ws = refusal(() => readRpcUrl('wss://node.example/ws/SECRETKEY123'));
    expect(ws.message).toContain('node.example');
    const userinfo = refusal(() => readRpcUrl('https://user:SECRETKEY123@node.example/rpc'));
    expect(userinfo.message).toContain('node.example');
    const junk = refusal(() => readRpcUrl('SECRETKEY123 not a url'));
    const long = refusal(() => readRpcUrl(`https://node.example/${'SECRETKEY123'.repeat(200)}`));
    for (const error of [ws, userinfo, junk, long]) {
      expect(error.details).toEqual({ field: 'rpcUrl' });
      expect(error.message).not.toContain('SECRETKEY123');
    }
  });
});

describe('token lists', () => {
  it('splits on commas, spaces and lines, checksums and deduplicates', () => {
    expect(readTokenContracts(`${USDC_POLYGON.toLowerCase()},\n ${PUSD}  ${USDC_POLYGON}`)).toBe(`${USDC_POLYGON},${PUSD}`);
    expect(readTokenContracts('  ')).toBe('');
    expect(splitStoredList(`${USDC_POLYGON},${PUSD}`)).toEqual([USDC_POLYGON, PUSD]);
    expect(splitStoredList('')).toEqual([]);
  });

  it('names the entry at fault and refuses more than 20', () => {
    expect(refusal(() => readTokenContracts(`${PUSD}, 0x1234`)).message).toContain('Token contract 2 has 4 hex digits');
    expect(refusal(() => readTokenContracts(PUSD.replace('C011', 'c011'))).message).toContain('checksum');
    const many = Array.from({ length: 21 }, (_, index) => `0x${(index + 1).toString(16).padStart(40, '0')}`).join(',');
    expect(refusal(() => readTokenContracts(many)).message).toContain('at most 20');
  });

  it('reads Solana mints as base58 of 32 bytes, case kept', () => {
    expect(readTokenMints(`${USDC_MINT}\n${USDT_MINT},${USDC_MINT}`)).toBe(`${USDC_MINT},${USDT_MINT}`);
    expect(refusal(() => readTokenMints(`${USDC_MINT} abc`)).message).toContain('token mint 2 decodes to');
    expect(refusal(() => readTokenMints(PUSD)).details).toEqual({ field: 'tokenMints' });
  });
});

describe('Solana clusters', () => {
  it('reads the three public clusters', () => {
    expect(readSolanaCluster('devnet')).toBe('devnet');
    expect(readSolanaCluster(' Mainnet ')).toBe('mainnet-beta');
    expect(readSolanaCluster('mainnet-beta')).toBe('mainnet-beta');
    expect(refusal(() => readSolanaCluster('localnet')).message).toContain('mainnet-beta, devnet, testnet');
  });
});
