/**
 * The other fields of an AI key as typed: OpenAI's organization and project IDs, a compatible
 * server's base URL, Azure's endpoint, deployment and API version.
 */
import { describe, expect, it } from 'vitest';
import { aiFieldShape } from './ai-field-shapes';

const id24 = 'lEOCXdqO48RKaa66ZdhPseo7';

describe('aiFieldShape', () => {
  it("takes OpenAI organization and project IDs, warns about odd ones, and refuses a key pasted into one", () => {
    expect(aiFieldShape('openai', 'organization', ` org-${id24} `)).toEqual({ verdict: 'ok', value: `org-${id24}` });
    expect(aiFieldShape('openai', 'project', `proj_${id24}`)).toEqual({ verdict: 'ok', value: `proj_${id24}` });
    expect(aiFieldShape('openai', 'organization', 'Personal')).toMatchObject({ verdict: 'warning', message: expect.stringContaining('OpenAI organization IDs are org- followed by 24 letters and digits') });
    const key = `sk-proj-${'aB3'.repeat(40)}`;
    const refused = aiFieldShape('openai', 'project', key);
    expect(refused).toEqual({ verdict: 'malformed', message: 'This is a key, not an OpenAI project ID. IDs are shown in plain text; paste the key in the API key field.' });
    expect(aiFieldShape('openai', 'organization', '')).toEqual({ verdict: 'malformed', message: 'The organization ID is missing.' });
  });

  it("reads a compatible server's base URL up to /v1, and warns about plain http to another machine", () => {
    expect(aiFieldShape('openai-compatible', 'baseUrl', 'http://127.0.0.1:11434/v1/')).toEqual({ verdict: 'ok', value: 'http://127.0.0.1:11434/v1' });
    expect(aiFieldShape('openai-compatible', 'baseUrl', 'http://localhost:1234/v1')).toEqual({ verdict: 'ok', value: 'http://localhost:1234/v1' });
    expect(aiFieldShape('openai-compatible', 'baseUrl', 'http://[::1]:8080/v1')).toEqual({ verdict: 'ok', value: 'http://[::1]:8080/v1' });
    expect(aiFieldShape('openai-compatible', 'baseUrl', 'https://llm.example.com/v1')).toEqual({ verdict: 'ok', value: 'https://llm.example.com/v1' });
    expect(aiFieldShape('openai-compatible', 'baseUrl', 'http://192.168.1.20:8000/v1')).toMatchObject({ verdict: 'warning', value: 'http://192.168.1.20:8000/v1', message: expect.stringContaining('plain http') });
  });

  it('refuses a base URL that is no web address, carries a password, a query or the endpoint path', () => {
    const cases: readonly [string, string][] = [
      ['localhost:11434', 'must start with https://'],
      ['not a url', 'contains a space or line break'],
      ['ftp://example.com/v1', 'must start with https://'],
      ['https://user:secret@example.com/v1', 'must not contain a user name or password'],
      ['https://example.com/v1?key=abc', 'must not contain ? or #'],
      ['https://example.com/v1/chat/completions', 'The base URL is the part before /models or /chat/completions'],
      ['https://example.com/v1/models', 'The base URL is the part before'],
    ];
    for (const [pasted, says] of cases) {
      const shape = aiFieldShape('openai-compatible', 'baseUrl', pasted);
      expect(shape, pasted).toMatchObject({ verdict: 'malformed', message: expect.stringContaining(says) });
      if (shape.verdict === 'malformed') expect(shape.message).not.toContain('secret');
    }
  });

  it("reads an Azure endpoint as the resource's address only", () => {
    expect(aiFieldShape('azure-openai', 'endpoint', 'https://my-res.openai.azure.com/')).toEqual({ verdict: 'ok', value: 'https://my-res.openai.azure.com' });
    expect(aiFieldShape('azure-openai', 'endpoint', 'https://my-res.cognitiveservices.azure.com')).toEqual({ verdict: 'ok', value: 'https://my-res.cognitiveservices.azure.com' });
    expect(aiFieldShape('azure-openai', 'endpoint', 'https://my-res.openai.azure.com/openai/deployments/gpt-4o/chat/completions')).toMatchObject({
      verdict: 'warning',
      value: 'https://my-res.openai.azure.com',
      message: expect.stringContaining('the path after it was left out'),
    });
    expect(aiFieldShape('azure-openai', 'endpoint', 'https://api.openai.com')).toMatchObject({ verdict: 'warning', message: expect.stringContaining('end in .openai.azure.com') });
    expect(aiFieldShape('azure-openai', 'endpoint', 'http://127.0.0.1:9100')).toEqual({ verdict: 'ok', value: 'http://127.0.0.1:9100' });
  });

  it('checks Azure deployment names and API versions loosely', () => {
    expect(aiFieldShape('azure-openai', 'deployment', 'gpt-4o-mini')).toEqual({ verdict: 'ok', value: 'gpt-4o-mini' });
    expect(aiFieldShape('azure-openai', 'deployment', 'gpt/4o')).toMatchObject({ verdict: 'warning' });
    expect(aiFieldShape('azure-openai', 'apiVersion', '2024-10-21')).toEqual({ verdict: 'ok', value: '2024-10-21' });
    expect(aiFieldShape('azure-openai', 'apiVersion', '2025-04-01-preview')).toEqual({ verdict: 'ok', value: '2025-04-01-preview' });
    expect(aiFieldShape('azure-openai', 'apiVersion', 'v1')).toEqual({ verdict: 'ok', value: 'v1' });
    expect(aiFieldShape('azure-openai', 'apiVersion', 'latest')).toMatchObject({ verdict: 'warning', message: expect.stringContaining('2024-10-21') });
  });
});
