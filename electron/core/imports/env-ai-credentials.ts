/**
 * Finds AI provider keys among the variables of a .env file, by the names the providers' own SDKs
 * read (the catalogue's `env`: OPENAI_API_KEY with OPENAI_ORG_ID and OPENAI_PROJECT_ID,
 * ANTHROPIC_API_KEY, GEMINI_API_KEY or GOOGLE_API_KEY, …). OPENAI_API_KEY next to an OPENAI_BASE_URL
 * that is not OpenAI's is a key for that OpenAI-compatible server. The variables it takes are
 * removed from what the exchange finder (env-credentials.ts) sees.
 */
import { aiProviderCatalogue, type AiProviderEntry } from '../ai-providers/ai-provider-catalogue';
import type { CredentialFieldName } from '../credentials/credential-schema';
import type { EnvCredential } from './env-credentials';
import type { EnvVariable } from './env-file-parser';

export function findAiEnvCredentials(variables: readonly EnvVariable[]): { credentials: EnvCredential[]; rest: EnvVariable[] } {
  const byName = new Map(variables.map((variable) => [variable.name.toUpperCase(), variable]));
  const taken = new Set<EnvVariable>();
  const credentials: EnvCredential[] = [];
  for (const entry of providersInOrder(byName)) {
    const fields: Partial<Record<CredentialFieldName, string>> = {};
    let prefix = '';
    for (const [field, names] of Object.entries(entry.env) as [CredentialFieldName, readonly string[]][]) {
      const variable = names.map((name) => byName.get(name)).find((found) => found !== undefined && !taken.has(found) && found.value.trim() !== '');
      if (!variable) continue;
      fields[field] = variable.value;
      if (field === 'apiKey') prefix = variable.name.replace(/_API_KEY$/i, '');
    }
    if (fields.apiKey === undefined || !entry.fields.every((field) => !field.required || fields[field.name] !== undefined)) continue;
    // GEMINI_API_KEY is also the name the Gemini exchange's keys go by: only a Google key (AIza…) is taken here.
    if (entry.id === 'google' && !fields.apiKey.trim().startsWith('AIza')) continue;
    for (const [field, names] of Object.entries(entry.env) as [CredentialFieldName, readonly string[]][]) {
      if (fields[field] === undefined) continue;
      for (const name of names) {
        const variable = byName.get(name);
        if (variable && variable.value === fields[field]) taken.add(variable);
      }
    }
    credentials.push({ prefix, provider: entry.id, environment: 'live', fields });
  }
  return { credentials, rest: variables.filter((variable) => !taken.has(variable)) };
}

/** OPENAI_API_KEY goes to the compatible server when OPENAI_BASE_URL points away from OpenAI, else to OpenAI. */
function providersInOrder(byName: ReadonlyMap<string, EnvVariable>): AiProviderEntry[] {
  const baseUrl = (byName.get('OPENAI_BASE_URL') ?? byName.get('OPENAI_API_BASE'))?.value.trim();
  const elsewhere = baseUrl !== undefined && baseUrl !== '' && !/^https:\/\/api\.openai\.com(\/|$)/i.test(baseUrl);
  return aiProviderCatalogue.filter((entry) => (elsewhere ? entry.id !== 'openai' : entry.id !== 'openai-compatible'));
}
