/**
 * The catalogue: one entry per provider, the usual variable names, the check call's address and
 * headers (the key in a header, never in the URL), and a how-to for each provider.
 */
import { describe, expect, it } from 'vitest';
import { aiProviderIds } from '../../shared/ai-providers';
import { aiCheckRequest, readAiKeyFields } from './ai-check-request';
import { aiKeyGuides } from './ai-key-guides';
import { aiApiBase, aiProviderCatalogue, aiProviderEntry } from './ai-provider-catalogue';

const entry = (id: string) => {
  const found = aiProviderEntry(id);
  if (found === undefined) throw new Error(`no entry ${id}`);
  return found;
};

describe('aiProviderCatalogue', () => {
  it('has one entry per provider id, each with an API key field, a GET check and a guide', () => {
    expect(aiProviderCatalogue.map((provider) => provider.id)).toEqual([...aiProviderIds]);
    for (const provider of aiProviderCatalogue) {
      expect(provider.fields.filter((field) => field.secret).map((field) => field.name), provider.id).toEqual(['apiKey']);
      expect(provider.check.method).toBe('GET');
      expect(aiKeyGuides[provider.id].steps.length).toBeGreaterThan(0);
    }
    expect(aiProviderEntry('binance')).toBeUndefined();
  });

  it('knows the usual environment variable names of every provider', () => {
    const names = aiProviderCatalogue.flatMap((provider) => Object.values(provider.env).flat());
    for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_API_KEY', 'OPENROUTER_API_KEY', 'XAI_API_KEY', 'MISTRAL_API_KEY', 'GROQ_API_KEY', 'DEEPSEEK_API_KEY', 'TOGETHER_API_KEY', 'PERPLEXITY_API_KEY', 'COHERE_API_KEY', 'CO_API_KEY', 'AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_ENDPOINT']) {
      expect(names).toContain(name);
    }
  });

  it('keeps the path of an API when an override replaces its scheme and host', () => {
    expect(aiApiBase(entry('groq'), {})).toBe('https://api.groq.com/openai/v1');
    expect(aiApiBase(entry('groq'), {}, 'http://127.0.0.1:9001')).toBe('http://127.0.0.1:9001/openai/v1');
    expect(aiApiBase(entry('deepseek'), {}, 'http://127.0.0.1:9001/')).toBe('http://127.0.0.1:9001');
    expect(aiApiBase(entry('openai-compatible'), { baseUrl: 'http://127.0.0.1:11434/v1' }, 'http://ignored:1')).toBe('http://127.0.0.1:11434/v1');
    expect(aiApiBase(entry('azure-openai'), { endpoint: 'https://r.openai.azure.com' })).toBe('https://r.openai.azure.com/openai');
  });
});

describe('aiCheckRequest', () => {
  it("builds each provider's check call with the key in its header and nowhere in the URL", () => {
    const key = `AIza${'x1Y2z3'.repeat(6)}abc`;
    const google = aiCheckRequest(entry('google'), readAiKeyFields(entry('google'), { apiKey: key }));
    expect(google).toEqual({ url: 'https://generativelanguage.googleapis.com/v1beta/models', headers: { accept: 'application/json', 'x-goog-api-key': key } });

    const anthropicKey = `sk-ant-api03-${'a'.repeat(93)}AA`;
    expect(aiCheckRequest(entry('anthropic'), { apiKey: anthropicKey }).headers).toEqual({ accept: 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': anthropicKey });
    expect(aiCheckRequest(entry('openrouter'), { apiKey: 'k' }).url).toBe('https://openrouter.ai/api/v1/key');

    const azure = aiCheckRequest(entry('azure-openai'), { endpoint: 'https://r.openai.azure.com', apiKey: 'k' });
    expect(azure).toEqual({ url: 'https://r.openai.azure.com/openai/models?api-version=2024-10-21', headers: { accept: 'application/json', 'api-key': 'k' } });

    const openai = aiCheckRequest(entry('openai'), { apiKey: 'k', organization: 'org-1', project: 'proj_1' });
    expect(openai.headers).toEqual({ accept: 'application/json', authorization: 'Bearer k', 'openai-organization': 'org-1', 'openai-project': 'proj_1' });
    for (const provider of aiProviderCatalogue) {
      const request = aiCheckRequest(provider, { apiKey: 'THE-KEY-123', baseUrl: 'http://127.0.0.1:1/v1', endpoint: 'http://127.0.0.1:1' });
      expect(request.url, provider.id).not.toContain('THE-KEY-123');
      expect(Object.values(request.headers).join(' '), provider.id).toContain('THE-KEY-123');
    }
  });
});
