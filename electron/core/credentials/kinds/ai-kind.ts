/**
 * AI provider keys (issue 17): OpenAI, Anthropic, Gemini and the others in the provider catalogue
 * (core/ai-providers), with the fields each provider's keys have, read by the shared rules the window
 * checks as they are typed (ai-key-shapes.ts, ai-field-shapes.ts), and verified with the provider's
 * cheapest authenticated read (ai-key-check.ts). Unlike an exchange's, an AI provider's API key is
 * the secret itself: no character of it is ever shown, and it is concealed wherever it is released.
 */
import { isAiProviderId } from '../../../shared/ai-providers';
import { readAiKeyFields } from '../../ai-providers/ai-check-request';
import { aiProviderEntry } from '../../ai-providers/ai-provider-catalogue';
import { KeywardenError } from '../../errors';
import type { CredentialKind } from './credential-kind';

export const aiKind: CredentialKind = {
  id: 'ai',
  ownsProvider: (providerId) => isAiProviderId(providerId),
  async keyRules(providerId) {
    const entry = aiProviderEntry(providerId);
    if (!entry) throw new KeywardenError('UNKNOWN_PROVIDER', `Keywarden does not know the AI provider "${providerId.slice(0, 40)}".`);
    return {
      provider: { id: entry.id, name: entry.name, fields: entry.fields.map((field) => field.name) },
      normalise: (raw) => {
        const strings: Record<string, string | undefined> = {};
        for (const [name, value] of Object.entries(raw)) {
          if (value !== undefined && typeof value !== 'string') throw new KeywardenError('MALFORMED_FIELD', `The ${name.slice(0, 32)} must be text.`, { field: name.slice(0, 32) });
          strings[name] = value;
        }
        return { values: readAiKeyFields(entry, strings), signingKind: 'other' };
      },
    };
  },
  keyIdentity: (fields) => ({
    fingerprintField: 'apiKey',
    // The key is the only secret, and no other field names the key: nothing of it is shown (••••).
    previewField: undefined,
    publicFields: fields.filter((field) => field !== 'apiKey'),
  }),
  exportableFields: [],
  verification: 'ai-provider-call',
};
