/**
 * The shape of an AI key as typed: refused when it cannot be a key, a warning that names what
 * differs when it only looks unlike today's format, and never the key in a message.
 */
import { describe, expect, it } from 'vitest';
import { aiKeyHint, aiKeyShape } from './ai-key-shapes';
import { aiProviderIds, type AiProviderId } from './ai-providers';

const alnum = (length: number): string => 'aB3xY9'.repeat(Math.ceil(length / 6)).slice(0, length);
const hex = (length: number): string => '0a1b2c3d4e5f'.repeat(Math.ceil(length / 12)).slice(0, length);

/** A key of today's format for each provider (made up: they open nothing). */
const wellFormed: Readonly<Record<AiProviderId, string>> = {
  openai: `sk-proj-${alnum(74)}T3BlbkFJ${alnum(74)}`,
  anthropic: `sk-ant-api03-${alnum(93)}AA`,
  google: `AIza${alnum(35)}`,
  openrouter: `sk-or-v1-${hex(64)}`,
  xai: `xai-${alnum(80)}`,
  mistral: alnum(32),
  groq: `gsk_${alnum(52)}`,
  deepseek: `sk-${hex(32)}`,
  together: `tgp_v1_${alnum(43)}`,
  perplexity: `pplx-${alnum(48)}`,
  cohere: alnum(40),
  'openai-compatible': 'ollama',
  'azure-openai': hex(32),
};

/** No run of 8 characters from the secret part of `key` (past any public prefix) is in `message`. */
function expectNoEcho(message: string, key: string): void {
  const secretPart = key.replace(/^(sk-[a-z]+[0-9]*-|sk-|AIza|xai-|gsk_|pplx-|tgp_v1_)/, '');
  for (let at = 0; at + 8 <= Math.min(secretPart.length, 200); at++) {
    const run = secretPart.slice(at, at + 8);
    if (/^\S+$/.test(run) && !/^(.)\1+$/.test(run)) expect(message).not.toContain(run);
  }
}

describe('aiKeyShape', () => {
  it("accepts each provider's key of today's format as it is", () => {
    for (const provider of aiProviderIds) {
      expect(aiKeyShape(provider, wellFormed[provider]), provider).toEqual({ verdict: 'ok', value: wellFormed[provider] });
    }
  });

  it('accepts older formats still in use: OpenAI sk- keys and Together hex keys', () => {
    expect(aiKeyShape('openai', `sk-${alnum(48)}`).verdict).toBe('ok');
    expect(aiKeyShape('openai', `sk-svcacct-${alnum(150)}`).verdict).toBe('ok');
    expect(aiKeyShape('together', hex(64)).verdict).toBe('ok');
  });

  it('cleans what a .env file or copying adds around a key', () => {
    const key = wellFormed.anthropic;
    for (const pasted of [`  ${key}\n`, `"${key}"`, `'${key}'`, `\t${key}\r\n`]) {
      expect(aiKeyShape('anthropic', pasted)).toEqual({ verdict: 'ok', value: key });
    }
  });

  it('refuses the worst pastes, in words that name the problem and never the key', () => {
    const key = wellFormed.openai;
    const cases: readonly [string, string][] = [
      ['', 'The API key is missing.'],
      ['   ', 'The API key is missing.'],
      ['""', 'The API key is missing.'],
      [`${key.slice(0, 60)} ${key.slice(60)}`, 'The API key contains a space or line break in the middle. Copy it again from OpenAI, in one piece.'],
      [`${key.slice(0, 60)}\n${key.slice(60)}`, 'space or line break in the middle'],
      [`${key.slice(0, 60)}\u200b${key.slice(60)}`, 'The API key contains an invisible character, usually picked up while copying. Copy it again from OpenAI.'],
      [`sk-proj-${alnum(20)}\u0430${alnum(50)}`, 'characters that cannot be part of a key'], // Cyrillic а, a look-alike of a
      [`sk\u2013proj-${alnum(100)}`, 'characters that cannot be part of a key'], // en dash
      [`${key.slice(0, 60)}\u0007${key.slice(60)}`, 'characters that cannot be part of a key'], // a control character
      ['x'.repeat(10 * 1024), 'The API key is far too long to be a key'],
      ['https://platform.openai.com/api-keys', 'This is a web address, not an API key.'],
      ['www.example.com/key', 'This is a web address, not an API key.'],
      [`OPENAI_API_KEY=${key}`, 'This is a whole line of a .env file. Paste only the key, the part after "=".'],
      [`Bearer ${key}`, 'Paste only the key itself, without "Bearer" in front of it.'],
      ['-----BEGIN PRIVATE KEY-----\nMC4CAQ\n-----END PRIVATE KEY-----', 'This is a key file, not an API key.'],
      ['sk-abc123', 'This is too short to be an API key for OpenAI (9 characters).'],
    ];
    for (const [pasted, says] of cases) {
      const shape = aiKeyShape('openai', pasted);
      expect(shape, JSON.stringify(pasted.slice(0, 30))).toMatchObject({ verdict: 'malformed', message: expect.stringContaining(says) });
      if (shape.verdict === 'malformed') {
        expect(shape.message).not.toMatch(/exchange/i);
        expectNoEcho(shape.message, key);
        if (pasted.trim().length >= 8) expect(shape.message).not.toContain(pasted.trim().slice(-8));
      }
    }
  });

  it('tells the server address apart from the key for OpenAI-compatible servers, and takes any placeholder key', () => {
    expect(aiKeyShape('openai-compatible', 'http://127.0.0.1:11434/v1')).toMatchObject({ verdict: 'malformed', message: expect.stringContaining('goes in the base URL field') });
    expect(aiKeyShape('openai-compatible', 'lm-studio')).toEqual({ verdict: 'ok', value: 'lm-studio' });
  });

  it("warns, naming the provider, when another provider's key is pasted", () => {
    expect(aiKeyShape('openai', wellFormed.anthropic)).toEqual({
      verdict: 'warning',
      value: wellFormed.anthropic,
      message: 'This looks like an Anthropic key (it starts with sk-ant-). OpenAI keys start with sk-. It is saved anyway, in case the provider changed its format; checking the key will tell.',
    });
    expect(aiKeyShape('anthropic', wellFormed.openai)).toMatchObject({ verdict: 'warning', message: expect.stringContaining('This looks like an OpenAI project key (it starts with sk-proj-). Anthropic keys start with sk-ant-api03-.') });
    expect(aiKeyShape('deepseek', wellFormed.openrouter)).toMatchObject({ verdict: 'warning', message: expect.stringContaining('an OpenRouter key') });
    expect(aiKeyShape('mistral', wellFormed.groq)).toMatchObject({ verdict: 'warning', message: expect.stringContaining('This looks like a Groq key (it starts with gsk_). It is not a Mistral key.') });
    expect(aiKeyShape('openai-compatible', wellFormed.groq)).toMatchObject({ verdict: 'warning', message: expect.stringContaining('Groq is a provider of its own in Keywarden') });
    expect(aiKeyShape('google', wellFormed.xai)).toMatchObject({ verdict: 'warning', message: expect.stringContaining('an xAI key') });
    for (const provider of aiProviderIds) {
      for (const other of aiProviderIds) {
        const shape = aiKeyShape(provider, wellFormed[other]);
        if (shape.verdict !== 'ok') expectNoEcho(shape.message, wellFormed[other]);
      }
    }
  });

  it('warns about keys of the right provider that are not for calling models', () => {
    expect(aiKeyShape('openai', `sk-admin-${alnum(120)}`)).toMatchObject({ verdict: 'warning', message: expect.stringContaining('This is an OpenAI Admin key (it starts with sk-admin-): it manages the organization') });
    expect(aiKeyShape('anthropic', `sk-ant-admin01-${alnum(93)}AA`)).toMatchObject({ verdict: 'warning', message: expect.stringContaining('an Anthropic Admin API key') });
    expect(aiKeyShape('anthropic', `sk-ant-oat01-${alnum(100)}`)).toMatchObject({ verdict: 'warning', message: expect.stringContaining('a Claude subscription sign-in token') });
  });

  it('warns, saying what differs, when a key looks unlike the format of today', () => {
    const cases: readonly [AiProviderId, string, string][] = [
      ['google', `AIza${alnum(34)}`, 'Google Gemini keys are 39 characters long; this one has 38.'],
      ['google', `AIzb${alnum(35)}`, 'Google Gemini keys start with AIza; this one does not.'],
      ['google', `AIza${alnum(30)}.${alnum(4)}`, 'Google Gemini keys are letters, digits, - and _ after AIza; this one has other characters.'],
      ['anthropic', `sk-ant-api03-${alnum(92)}AA`, 'Anthropic keys are 108 characters long; this one has 107.'],
      ['anthropic', `sk-ant-api04-${alnum(93)}AA`, 'Anthropic keys start with sk-ant-api03-; this one does not.'],
      ['openrouter', `sk-or-v1-${hex(60)}ABCD`, 'OpenRouter keys are lowercase hex digits after sk-or-v1-; this one has other characters.'],
      ['groq', `gsk_${alnum(30)}`, 'Groq keys are 52 to 60 characters long; this one has 34.'],
      ['openai', `pk-${alnum(60)}`, 'OpenAI keys start with sk-; this one does not.'],
      ['openai', `sk-${hex(32)}`, 'OpenAI keys are 40 to 300 characters long; this one has 35.'],
      ['cohere', alnum(41), 'Cohere keys are 40 characters long; this one has 41.'],
    ];
    for (const [provider, key, says] of cases) {
      const shape = aiKeyShape(provider, key);
      expect(shape, `${provider}: ${says}`).toEqual({ verdict: 'warning', value: key, message: `${says} It is saved anyway, in case the provider changed its format; checking the key will tell.` });
      if (shape.verdict === 'warning') expectNoEcho(shape.message, key);
    }
  });
});

describe('aiKeyHint', () => {
  it("says under the field what a provider's keys look like", () => {
    expect(aiKeyHint('google')).toBe('Google Gemini keys start with AIza and are 39 characters of letters, digits, - and _.');
    expect(aiKeyHint('mistral')).toBe('Mistral keys are 32 characters of letters and digits.');
    expect(aiKeyHint('openai-compatible')).toBeNull();
  });
});
