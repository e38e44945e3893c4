/**
 * The request that checks an AI key: its fields read by the shared rules (the same the window
 * checks while they are typed), then the URL and headers of the provider's check call. The key
 * goes in a header only, never in the URL: URLs end up in proxy logs, error texts and histories.
 */
import { aiKeyShape } from '../../shared/ai-key-shapes';
import { aiFieldLabels, type AiFieldName } from '../../shared/ai-field-reading';
import { aiFieldShape } from '../../shared/ai-field-shapes';
import { KeywardenError } from '../errors';
import { aiApiBase, type AiAuthStyle, type AiProviderEntry } from './ai-provider-catalogue';

export type AiKeyFields = Readonly<Partial<Record<AiFieldName, string>>>;

export interface AiCheckRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Exactly `entry`'s fields, each cleaned; an empty optional field is left out. Throws MISSING_FIELD,
 * UNEXPECTED_FIELD or MALFORMED_FIELD (in the shared rules' words, which never repeat a value). A
 * key that only looks unlike today's format passes: the check is what tells.
 */
export function readAiKeyFields(entry: AiProviderEntry, raw: Readonly<Record<string, string | undefined>>): AiKeyFields {
  const known = new Set<string>(entry.fields.map((field) => field.name));
  const unexpected = Object.keys(raw).filter((name) => !known.has(name) && raw[name] !== undefined);
  if (unexpected.length > 0) {
    // Names only: they are our field names or a caller's typo, never a value.
    throw new KeywardenError('UNEXPECTED_FIELD', `${entry.name} keys have no field ${unexpected.map((name) => JSON.stringify(name.slice(0, 40))).join(', ')}.`);
  }
  const fields: Partial<Record<AiFieldName, string>> = {};
  for (const field of entry.fields) {
    const pasted = raw[field.name];
    if (pasted === undefined || pasted.trim() === '') {
      if (field.required) throw new KeywardenError('MISSING_FIELD', `The ${aiFieldLabels[field.name]} is missing.`, { field: field.name });
      continue;
    }
    const shape = field.name === 'apiKey' ? aiKeyShape(entry.id, pasted) : aiFieldShape(entry.id, field.name, pasted);
    if (shape.verdict === 'malformed') throw new KeywardenError('MALFORMED_FIELD', shape.message, { field: field.name });
    fields[field.name] = shape.value;
  }
  return fields;
}

/** The check call for a key with these (cleaned) fields; `originOverride` points it at a test server or proxy. */
export function aiCheckRequest(entry: AiProviderEntry, fields: AiKeyFields, originOverride?: string): AiCheckRequest {
  const url = new URL(`${aiApiBase(entry, fields, originOverride)}${entry.check.path}`);
  for (const [name, value] of Object.entries(entry.check.query(fields))) url.searchParams.set(name, value);
  return { url: url.toString(), headers: { accept: 'application/json', ...entry.check.headers, ...keyHeaders(entry, fields) } };
}

/**
 * The headers that carry a key to its provider: the key in the provider's own header, and OpenAI's
 * organization and project when the key has them. The check call and the AI gateway both send these.
 */
export function keyHeaders(entry: AiProviderEntry, fields: AiKeyFields): Record<string, string> {
  const headers = authHeader(entry.check.auth, fields.apiKey ?? '');
  // OpenAI: sent only when given, so a key without them uses its own organization and project.
  if (fields.organization !== undefined) headers['openai-organization'] = fields.organization;
  if (fields.project !== undefined) headers['openai-project'] = fields.project;
  return headers;
}

const authStyles = ['bearer', 'x-api-key', 'x-goog-api-key', 'api-key'] as const satisfies readonly AiAuthStyle[];

/** Every header a key travels in, one per auth style (lower case): what the gateway reads a local token from and never passes on. */
export const aiAuthHeaderNames: readonly string[] = authStyles.map((style) => Object.keys(authHeader(style, ''))[0]!);

function authHeader(style: AiAuthStyle, key: string): Record<string, string> {
  switch (style) {
    case 'bearer':
      return { authorization: `Bearer ${key}` };
    case 'x-api-key':
      return { 'x-api-key': key };
    case 'x-goog-api-key':
      return { 'x-goog-api-key': key };
    case 'api-key':
      return { 'api-key': key };
  }
}
