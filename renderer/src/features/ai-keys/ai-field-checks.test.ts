/** The AI key form checks by the shared rules: errors for what cannot be a key, warnings that never block. */
import { describe, expect, it } from 'vitest';
import { checkAiField } from './ai-field-checks';

const apiKey = { name: 'apiKey', required: true } as const;
const organization = { name: 'organization', required: false } as const;
const openAiKey = `sk-proj-${'A'.repeat(60)}`;

describe('checkAiField', () => {
  it('says nothing about an empty field while typing, and asks for a required one on submit', () => {
    expect(checkAiField('openai', apiKey, '', false)).toEqual({ error: null, warning: null });
    expect(checkAiField('openai', apiKey, '  ', true)).toEqual({ error: 'Enter the API key.', warning: null });
    expect(checkAiField('openai', organization, '', true)).toEqual({ error: null, warning: null });
  });

  it('accepts a key in the provider’s format', () => {
    expect(checkAiField('openai', apiKey, openAiKey, true)).toEqual({ error: null, warning: null });
  });

  it('refuses what cannot be a key, in the shared rule’s words, without repeating it', () => {
    const check = checkAiField('openai', apiKey, 'https://platform.openai.com/api-keys', false);
    expect(check.error).toBe('This is a web address, not an API key.');
    expect(check.warning).toBeNull();
  });

  it('warns about a key that looks like another provider’s, and never makes it an error', () => {
    const check = checkAiField('openai', apiKey, `sk-ant-api03-${'b'.repeat(93)}AA`, true);
    expect(check.error).toBeNull();
    expect(check.warning).toMatch(/^This looks like an Anthropic key \(it starts with sk-ant-\)\. OpenAI keys start with sk-\./);
    expect(check.warning).not.toContain('b'.repeat(20));
  });

  it('checks the settings by their own rule: an organization ID is never a key', () => {
    expect(checkAiField('openai', organization, openAiKey, false).error).toMatch(/^This is a key, not an OpenAI organization ID\./);
    expect(checkAiField('openai', organization, 'org-short', false).warning).toMatch(/^OpenAI organization IDs are org- followed by 24 letters and digits/);
    expect(checkAiField('openai-compatible', { name: 'baseUrl', required: true }, 'http://127.0.0.1:11434/v1', true)).toEqual({ error: null, warning: null });
  });

  it('leaves a provider it does not know to the core', () => {
    expect(checkAiField('someday-ai', apiKey, 'anything at all', true)).toEqual({ error: null, warning: null });
  });
});
