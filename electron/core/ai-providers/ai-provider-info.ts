/**
 * The AI providers as the contract shows them (issue 17): for the window's "Add an AI key" form and
 * the CLI's `add` and `ai-providers`: each provider's fields (which are required, which are
 * secret), what its keys look like, and how to create one. Pure zod and data: no key material.
 */
import { z } from 'zod';
import { aiKeyHint } from '../../shared/ai-key-shapes';
import { CredentialFieldName } from '../credentials/credential-schema';
import { aiKeyGuides } from './ai-key-guides';
import { aiProviderCatalogue } from './ai-provider-catalogue';

export const AiProviderInfo = z.object({
  id: z.string(),
  name: z.string(),
  /** `hidden`: the key itself, masked while typed and never shown; the other fields are settings, shown as typed. */
  fields: z.array(z.object({ name: CredentialFieldName, required: z.boolean(), hidden: z.boolean() })),
  /** What the provider's keys look like today, in one sentence; null where any key goes (a compatible server). */
  keyHint: z.string().nullable(),
  /** The provider's page where keys are created. */
  keysPage: z.string().nullable(),
  /** How to create a narrow key with a spending cap, step by step. */
  steps: z.array(z.string()),
  /** The environment variables programs usually read each field from. */
  env: z.record(z.string(), z.array(z.string())),
});
export type AiProviderInfo = z.infer<typeof AiProviderInfo>;

export function aiProviderInfos(): AiProviderInfo[] {
  return aiProviderCatalogue.map((entry) => ({
    id: entry.id,
    name: entry.name,
    fields: entry.fields.map(({ name, required, secret }) => ({ name, required, hidden: secret })),
    keyHint: aiKeyHint(entry.id),
    keysPage: aiKeyGuides[entry.id].keysPage,
    steps: [...aiKeyGuides[entry.id].steps],
    env: Object.fromEntries(Object.entries(entry.env).map(([field, names]) => [field, [...(names ?? [])]])),
  }));
}
