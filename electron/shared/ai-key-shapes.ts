/**
 * What an AI provider's API key looks like as it is typed (issue 17): one rule for the window,
 * which says it under the field, and for the core, which refuses by it when a key is saved.
 *
 * A key that cannot be a key at all (empty, spaces or line breaks inside, invisible or non-ASCII
 * characters, a web address, a whole .env line, a key file, far too short or too long) is refused.
 * A key that only looks unlike a provider's format today is saved with a warning that names what
 * differs: formats are the providers' to change, and the check call (core/ai-providers) is what
 * proves a key. Messages never repeat the key; they quote at most a prefix every key of a provider
 * shares, which is public.
 *
 * Where each format comes from is noted per provider. "gitleaks" is gitleaks/gitleaks
 * cmd/generate/config/rules/<provider>.go, "betterleaks" the same folder of betterleaks/betterleaks;
 * both are secret scanners whose rules are tested against real keys. "heuristic" marks a format
 * read from such rules or from keys seen in public code, never stated by the provider itself.
 *
 * This file is the shared pure tier: it imports nothing outside electron/shared.
 */
import { readAiField, type AiFieldShape } from './ai-field-reading';
import { aiProviderNames, type AiProviderId } from './ai-providers';
import { looksLikeKeyFile } from './key-formats';

/** Shorter than any provider's key (the shortest, Mistral's and Azure's classic keys, have 32). */
const MIN_PROVIDER_KEY_LENGTH = 20;

/** One generation of a provider's key format. */
interface KeyFormat {
  /** The public prefix every such key starts with, or '' for keys without one. */
  readonly prefix: string;
  /** The characters after the prefix. */
  readonly body: RegExp;
  /** The same in words, for the warning. */
  readonly bodyWords: string;
  readonly length: { readonly min: number; readonly max: number };
}

/** The formats a provider issues today, newest first; the first one is what warnings describe. */
const keyFormats: Readonly<Record<Exclude<AiProviderId, 'openai-compatible'>, readonly KeyFormat[]>> = {
  // SERVICE-FACTS.md and gitleaks openai.go: sk-proj-, sk-svcacct-, sk-admin- and older sk- keys of
  // letters, digits, - and _ (project keys are 164 characters, legacy ones 51). Lengths: heuristic.
  openai: [{ prefix: 'sk-', body: /^[A-Za-z0-9_-]+$/, bodyWords: 'letters, digits, - and _', length: { min: 40, max: 300 } }],
  // gitleaks anthropic.go: sk-ant-api03- + 93 of [A-Za-z0-9_-] + "AA", 108 in all.
  anthropic: [{ prefix: 'sk-ant-api03-', body: /^[A-Za-z0-9_-]*AA$/, bodyWords: 'letters, digits, - and _ ending in AA', length: { min: 108, max: 108 } }],
  // The issue and gitleaks gcp.go (GCPAPIKey): AIza + 35 of [A-Za-z0-9_-], 39 in all.
  google: [{ prefix: 'AIza', body: /^[A-Za-z0-9_-]+$/, bodyWords: 'letters, digits, - and _', length: { min: 39, max: 39 } }],
  // gitleaks and betterleaks openrouter.go: sk-or-v1- + 64 lowercase hex digits.
  openrouter: [{ prefix: 'sk-or-v1-', body: /^[0-9a-f]+$/, bodyWords: 'lowercase hex digits', length: { min: 73, max: 73 } }],
  // gitleaks xai.go: xai- + 80 letters and digits.
  xai: [{ prefix: 'xai-', body: /^[A-Za-z0-9]+$/, bodyWords: 'letters and digits', length: { min: 84, max: 84 } }],
  // betterleaks mistral.go: 32 letters and digits, no prefix. Heuristic.
  mistral: [{ prefix: '', body: /^[A-Za-z0-9]+$/, bodyWords: 'letters and digits', length: { min: 32, max: 32 } }],
  // gitleaks groq.go: gsk_ + at least 48 letters and digits (keys seen are 56 in all). Heuristic length.
  groq: [{ prefix: 'gsk_', body: /^[A-Za-z0-9]+$/, bodyWords: 'letters and digits', length: { min: 52, max: 60 } }],
  // betterleaks deepseek.go: sk- + 32 lowercase hex digits. Heuristic.
  deepseek: [{ prefix: 'sk-', body: /^[0-9a-f]+$/, bodyWords: 'lowercase hex digits', length: { min: 35, max: 35 } }],
  // Heuristic, from keys seen in public code: tgp_v1_ + 43 of [A-Za-z0-9_-] today, 64 hex digits before.
  together: [
    { prefix: 'tgp_v1_', body: /^[A-Za-z0-9_-]+$/, bodyWords: 'letters, digits, - and _', length: { min: 50, max: 50 } },
    { prefix: '', body: /^[0-9a-f]+$/, bodyWords: 'hex digits', length: { min: 64, max: 64 } },
  ],
  // gitleaks and betterleaks perplexity.go: pplx- + 48 letters and digits.
  perplexity: [{ prefix: 'pplx-', body: /^[A-Za-z0-9]+$/, bodyWords: 'letters and digits', length: { min: 53, max: 53 } }],
  // gitleaks cohere.go: 40 letters and digits, no prefix. Heuristic.
  cohere: [{ prefix: '', body: /^[A-Za-z0-9]+$/, bodyWords: 'letters and digits', length: { min: 40, max: 40 } }],
  // Heuristic: classic Azure resource keys are 32 hex digits; newer ones are longer letters and digits.
  'azure-openai': [{ prefix: '', body: /^[A-Za-z0-9]+$/, bodyWords: 'letters and digits', length: { min: 32, max: 100 } }],
};

interface DistinctivePrefix {
  readonly prefix: string;
  readonly provider: AiProviderId;
  readonly what: string;
  /** Set for the provider's own keys that are not API keys for models: why. */
  readonly notForModels?: string;
}

/**
 * Prefixes only one provider's keys carry, the more specific first, so a key pasted for the wrong provider is
 * named. Plain `sk-` is not among them: OpenAI and DeepSeek both use it.
 */
const distinctivePrefixes: readonly DistinctivePrefix[] = [
  // gitleaks anthropic.go (admin01, oat01) and openai.go (admin): keys of the provider's own that
  // are not for calling models, so they warn even under the right provider.
  { prefix: 'sk-ant-admin01-', provider: 'anthropic', what: 'an Anthropic Admin API key', notForModels: 'it manages the organization rather than calling models' },
  { prefix: 'sk-ant-oat01-', provider: 'anthropic', what: 'a Claude subscription sign-in token', notForModels: 'it belongs to a Claude.ai subscription, not to the API' },
  { prefix: 'sk-admin-', provider: 'openai', what: 'an OpenAI Admin key', notForModels: 'it manages the organization rather than calling models' },
  { prefix: 'sk-svcacct-', provider: 'openai', what: 'an OpenAI service account key' },
  { prefix: 'sk-proj-', provider: 'openai', what: 'an OpenAI project key' },
  { prefix: 'sk-ant-', provider: 'anthropic', what: 'an Anthropic key' },
  { prefix: 'sk-or-', provider: 'openrouter', what: 'an OpenRouter key' },
  { prefix: 'tgp_v1_', provider: 'together', what: 'a Together AI key' },
  { prefix: 'pplx-', provider: 'perplexity', what: 'a Perplexity key' },
  { prefix: 'AIza', provider: 'google', what: 'a Google API key' },
  { prefix: 'xai-', provider: 'xai', what: 'an xAI key' },
  { prefix: 'gsk_', provider: 'groq', what: 'a Groq key' },
];

const savedAnyway = 'It is saved anyway, in case the provider changed its format; checking the key will tell.';

/**
 * What `pasted`, typed as `provider`'s API key, looks like: `ok` or `warning` with the cleaned
 * value to store, or `malformed` with why it cannot be a key.
 */
export function aiKeyShape(provider: AiProviderId, pasted: string): AiFieldShape {
  const name = aiProviderNames[provider];
  const malformed = (message: string): AiFieldShape => ({ verdict: 'malformed', message });
  if (/^\s*["'`]?bearer\s/i.test(pasted)) return malformed('Paste only the key itself, without "Bearer" in front of it.');
  const read = readAiField('apiKey', name, pasted);
  if (read.verdict !== 'ok') return read;
  const value = read.value;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^www\./i.test(value)) {
    const where = provider === 'openai-compatible' ? ' The server\'s address goes in the base URL field.' : '';
    return malformed(`This is a web address, not an API key.${where}`);
  }
  if (/^[A-Za-z_][A-Za-z0-9_]*=./.test(value)) return malformed('This is a whole line of a .env file. Paste only the key, the part after "=".');
  if (looksLikeKeyFile(value)) return malformed(`This is a key file, not an API key. ${name} API keys are one line of text.`);
  // Local and self-hosted servers often take any placeholder ("ollama", "lm-studio") as a key.
  if (provider !== 'openai-compatible' && value.length < MIN_PROVIDER_KEY_LENGTH) {
    return malformed(`This is too short to be an API key for ${name} (${value.length} characters). Copy the whole key again.`);
  }
  const warning = (message: string): AiFieldShape => ({ verdict: 'warning', value, message });

  const known = distinctivePrefixes.find((entry) => value.startsWith(entry.prefix));
  if (known && known.provider !== provider) {
    const own = provider === 'openai-compatible' ? `${aiProviderNames[known.provider]} is a provider of its own in Keywarden, with its own check.` : expectation(provider);
    return warning(`This looks like ${known.what} (it starts with ${known.prefix}). ${own} ${savedAnyway}`);
  }
  if (provider === 'openai-compatible') return read;
  if (known?.notForModels !== undefined) {
    return warning(`This is ${known.what} (it starts with ${known.prefix}): ${known.notForModels}. Create an ordinary API key for programs.`);
  }
  const formats = keyFormats[provider];
  if (formats.some((format) => fits(format, value))) return read;
  return warning(`${difference(name, formats[0]!, value)} ${savedAnyway}`);
}

/** What `provider`'s keys look like, as one sentence: "OpenAI keys start with sk-." */
export function aiKeyHint(provider: AiProviderId): string | null {
  if (provider === 'openai-compatible') return null;
  const format = keyFormats[provider][0]!;
  const length = format.length.min === format.length.max ? `${format.length.min}` : `${format.length.min} to ${format.length.max}`;
  const start = format.prefix === '' ? '' : `start with ${format.prefix} and `;
  return `${aiProviderNames[provider]} keys ${start}are ${length} characters of ${format.bodyWords}.`;
}

function expectation(provider: AiProviderId): string {
  const prefix = provider === 'openai-compatible' ? '' : keyFormats[provider][0]!.prefix;
  return prefix === '' ? `It is not a ${aiProviderNames[provider]} key.` : `${aiProviderNames[provider]} keys start with ${prefix}.`;
}

function fits(format: KeyFormat, value: string): boolean {
  return value.startsWith(format.prefix) && format.body.test(value.slice(format.prefix.length)) && value.length >= format.length.min && value.length <= format.length.max;
}

/** The first way `value` differs from `format`, in words that never quote it. */
function difference(name: string, format: KeyFormat, value: string): string {
  if (!value.startsWith(format.prefix)) return `${name} keys start with ${format.prefix}; this one does not.`;
  if (!format.body.test(value.slice(format.prefix.length))) {
    const start = format.prefix === '' ? '' : ` after ${format.prefix}`;
    return `${name} keys are ${format.bodyWords}${start}; this one has other characters.`;
  }
  const { min, max } = format.length;
  return `${name} keys are ${min === max ? min : `${min} to ${max}`} characters long; this one has ${value.length}.`;
}
