/**
 * What the other fields of an AI key look like as they are typed: OpenAI's organization and
 * project IDs, the base URL of an OpenAI-compatible server, and Azure OpenAI's endpoint,
 * deployment and API version. Same verdicts as ai-key-shapes.ts: refused when it cannot be right,
 * a warning when it only looks unlike today's format, never the value repeated.
 *
 * This file is the shared pure tier: it imports nothing outside electron/shared.
 */
import { readAiField, type AiFieldName, type AiFieldShape } from './ai-field-reading';
import { aiProviderNames, type AiProviderId } from './ai-providers';
import { isLoopbackHost } from './loopback-host';

export type AiOtherFieldName = Exclude<AiFieldName, 'apiKey'>;

/** Azure OpenAI's API version when none is given: the GA version of the models list (learn.microsoft.com, "Models - List"). */
export const defaultAzureApiVersion = '2024-10-21';

/** What `pasted` looks like as `provider`'s `field`; a `value` is what to store. */
export function aiFieldShape(provider: AiProviderId, field: AiOtherFieldName, pasted: string): AiFieldShape {
  const read = readAiField(field, aiProviderNames[provider], pasted);
  if (read.verdict !== 'ok') return read;
  switch (field) {
    case 'organization':
      // OpenAI's API reference shows org- + 24 letters and digits (org-lEOCXdqO48RKaa66ZdhPseo7). Heuristic.
      return openAiIdShape(read.value, 'organization', /^org-[A-Za-z0-9]{24}$/, 'org- followed by 24 letters and digits');
    case 'project':
      // OpenAI's API reference names projects proj_…; 24 letters and digits after it as for organizations. Heuristic.
      return openAiIdShape(read.value, 'project', /^proj_[A-Za-z0-9]{24}$/, 'proj_ followed by 24 letters and digits');
    case 'baseUrl':
      return baseUrlShape(read.value);
    case 'endpoint':
      return azureEndpointShape(read.value);
    case 'deployment':
      // Heuristic: Azure names a deployment with letters, digits, -, _ and . (up to 64 characters).
      return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(read.value)
        ? read
        : { verdict: 'warning', value: read.value, message: 'Azure deployment names are letters, digits, -, _ and . (up to 64 characters); this one is not. Copy the name from the Deployments page.' };
    case 'apiVersion':
      // learn.microsoft.com (Azure OpenAI REST reference): dated versions (2024-10-21, …-preview) and, for the v1 API, v1 or preview.
      return /^(\d{4}-\d{2}-\d{2}(-preview)?|v1|preview)$/.test(read.value)
        ? read
        : { verdict: 'warning', value: read.value, message: `Azure OpenAI API versions look like ${defaultAzureApiVersion} or 2025-04-01-preview; this one does not.` };
  }
}

/** An organization or project ID is shown in plain text, so a key pasted there is refused outright. */
function openAiIdShape(value: string, what: 'organization' | 'project', pattern: RegExp, words: string): AiFieldShape {
  if (/^(sk-|sess-)/.test(value)) {
    return { verdict: 'malformed', message: `This is a key, not an OpenAI ${what} ID. IDs are shown in plain text; paste the key in the API key field.` };
  }
  if (pattern.test(value)) return { verdict: 'ok', value };
  return { verdict: 'warning', value, message: `OpenAI ${what} IDs are ${words}; this one is not. Copy it from the ${what} settings, or leave the field empty.` };
}

/**
 * The address of an OpenAI-compatible server, up to where OpenAI's paths start (…/v1): the check
 * calls `<base URL>/models`. Plain http is fine on this computer and warned about elsewhere.
 */
function baseUrlShape(value: string): AiFieldShape {
  const url = parseWebAddress(value, 'base URL', 'http://127.0.0.1:11434/v1');
  if ('verdict' in url) return url;
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/(models|chat\/completions|completions|responses)$/.test(path)) {
    return { verdict: 'malformed', message: 'The base URL is the part before /models or /chat/completions (it usually ends in /v1). Remove the rest.' };
  }
  return plainHttpWarning(url, `${url.origin}${path}`);
}

/** An Azure OpenAI resource's endpoint: its address only, https://<resource>.openai.azure.com. */
function azureEndpointShape(value: string): AiFieldShape {
  const url = parseWebAddress(value, 'endpoint', 'https://my-resource.openai.azure.com');
  if ('verdict' in url) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.pathname !== '/') {
    return { verdict: 'warning', value: url.origin, message: 'An Azure OpenAI endpoint is only the address (https://<resource>.openai.azure.com); the path after it was left out.' };
  }
  // Heuristic: the hosts Azure gives OpenAI resources (Azure OpenAI and AI Foundry endpoints).
  if (!isOnThisComputer(host) && !/\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/.test(host)) {
    return { verdict: 'warning', value: url.origin, message: 'Azure OpenAI endpoints end in .openai.azure.com or .cognitiveservices.azure.com; this one does not. Copy it from the resource\'s Keys and Endpoint page.' };
  }
  return plainHttpWarning(url, url.origin);
}

function parseWebAddress(value: string, label: string, example: string): URL | AiFieldShape {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { verdict: 'malformed', message: `The ${label} is not a web address. It looks like ${example}.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { verdict: 'malformed', message: `The ${label} must start with https:// (or http:// for a server on this computer).` };
  if (url.username !== '' || url.password !== '') return { verdict: 'malformed', message: `The ${label} must not contain a user name or password. The key goes in the API key field.` };
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(value)) return { verdict: 'malformed', message: `The ${label} must not contain ? or #. It looks like ${example}.` };
  return url;
}

function plainHttpWarning(url: URL, value: string): AiFieldShape {
  if (url.protocol === 'https:' || isOnThisComputer(url.hostname.replace(/^\[|\]$/g, ''))) return { verdict: 'ok', value };
  return { verdict: 'warning', value, message: 'This address uses plain http, so the key would travel unencrypted to another machine. Use https unless the server is on a network you trust.' };
}

/** Loopback by the webhook listener's rule, plus the name every system gives it. */
function isOnThisComputer(host: string): boolean {
  return host === 'localhost' || isLoopbackHost(host);
}
