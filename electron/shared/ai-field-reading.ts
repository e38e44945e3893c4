/**
 * The fields an AI provider key can have and how a pasted value is read. The cleaning itself
 * (trimming, quotes from a .env file, invisible characters, spaces inside, far too long) is
 * readKeyField's from key-formats.ts, the one rule for every pasted key field.
 *
 * This file is the shared pure tier: it imports nothing outside electron/shared.
 */
import { fieldLabels, type CredentialFieldName } from './credential-field-labels';
import { readKeyField } from './key-formats';

/** The fields an AI key can have: the key, and the settings that say where and for whom it is used. */
export const aiFieldNames = ['apiKey', 'organization', 'project', 'baseUrl', 'endpoint', 'deployment', 'apiVersion'] as const satisfies readonly CredentialFieldName[];
export type AiFieldName = (typeof aiFieldNames)[number];

/** Each field's name inside a sentence: "The organization ID is missing." */
export const aiFieldLabels: Readonly<Record<AiFieldName, string>> = fieldLabels;

/**
 * What a typed field looks like: fine, saved with a warning (it looks unlike today's format, which
 * providers change), or refused. Messages never repeat the value; at most a public prefix.
 */
export type AiFieldShape =
  | { readonly verdict: 'ok'; readonly value: string }
  | { readonly verdict: 'warning'; readonly value: string; readonly message: string }
  | { readonly verdict: 'malformed'; readonly message: string };

/**
 * `pasted` cleaned by readKeyField, or refused in its words with the provider (`source`, "OpenAI")
 * named where to copy it from. Empty is refused too: every field that reaches this is one the
 * person filled in or must fill in.
 */
export function readAiField(field: AiFieldName, source: string, pasted: string): AiFieldShape {
  const read = readKeyField(field, pasted, source);
  return read.ok ? { verdict: 'ok', value: read.value } : { verdict: 'malformed', message: read.message };
}
