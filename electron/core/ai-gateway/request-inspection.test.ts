/** What the gateway reads from a request, and the one change it makes: asking an OpenAI stream for its usage. */
import { describe, expect, it } from 'vitest';
import { inspectRequest } from './request-inspection';

const openai = { format: 'openai', streamUsageOption: true } as const;
const groq = { format: 'openai', streamUsageOption: false } as const;

describe('inspecting a request', () => {
  it('asks an OpenAI chat stream for its usage, keeping every other byte the program sent', () => {
    const sent = '{"model":"gpt-4o","stream":true,"seed":12345678901234567890,"messages":[]}';
    const inspected = inspectRequest(openai, '/v1/chat/completions', Buffer.from(sent));
    expect(inspected).toMatchObject({ model: 'gpt-4o', stream: true, hideUsageChunk: true });
    expect(String(inspected.body)).toBe('{"stream_options":{"include_usage":true},"model":"gpt-4o","stream":true,"seed":12345678901234567890,"messages":[]}');
  });

  it('leaves a stream that asked, one with other stream options (merged), a provider that refuses the option, and non-streams alone', () => {
    const asked = Buffer.from('{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true}}');
    expect(inspectRequest(openai, '/v1/chat/completions', asked)).toEqual({ model: 'gpt-4o', stream: true, body: asked, hideUsageChunk: false });
    const other = inspectRequest(openai, '/v1/chat/completions', Buffer.from('{"model":"gpt-4o","stream":true,"stream_options":{"include_obfuscation":false}}'));
    expect(JSON.parse(String(other.body))).toEqual({ model: 'gpt-4o', stream: true, stream_options: { include_obfuscation: false, include_usage: true } });
    const plain = Buffer.from('{"model":"llama","stream":true}');
    expect(inspectRequest(groq, '/openai/v1/chat/completions', plain)).toEqual({ model: 'llama', stream: true, body: plain, hideUsageChunk: false });
    expect(inspectRequest(openai, '/v1/responses', Buffer.from('{"model":"gpt-4.1","stream":true}')).hideUsageChunk).toBe(false);
    expect(inspectRequest(openai, '/v1/chat/completions', Buffer.from('not json')).model).toBeNull();
  });

  it('reads the model from Azure\'s deployment and Gemini\'s path', () => {
    expect(inspectRequest(groq, '/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21', Buffer.from('{"messages":[]}')).model).toBe('my-gpt4o');
    expect(inspectRequest({ format: 'google', streamUsageOption: false }, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', Buffer.from('{}'))).toMatchObject({ model: 'gemini-2.5-flash', stream: true });
  });
});
