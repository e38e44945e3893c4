/**
 * How to create a key for each AI provider, in short steps the window shows next to the form:
 * where the keys page is, how to keep a key narrow (restricted permissions, one project or
 * workspace) and how to cap what it can spend on the provider's side, because Keywarden cannot
 * limit spending on a key it hands to a program.
 *
 * Pages and menu names are the providers' consoles as known at the time of writing (the OpenAI
 * restricted-key permissions are confirmed by pressidium/pressidium-cookie-consent#156; OpenRouter's
 * per-key credit limit by its "Get current API key" reference). Consoles move: the steps say what
 * to look for rather than where every button is.
 */
import type { AiProviderId } from '../../shared/ai-providers';

export interface AiKeyGuide {
  /** The provider's page where keys are created; null where there is no single one. */
  readonly keysPage: string | null;
  readonly steps: readonly string[];
}

const copyOnce = 'Copy the key when it is shown: the provider shows it only once.';

export const aiKeyGuides: Readonly<Record<AiProviderId, AiKeyGuide>> = {
  openai: {
    keysPage: 'https://platform.openai.com/api-keys',
    steps: [
      'Open API keys and choose "Create new secret key", in the project the programs belong to.',
      'Choose "Restricted" permissions: Models "Read" (so Keywarden can check the key) and "Write" only for what your programs call.',
      'Set a monthly budget for the project under its limits.',
      copyOnce,
    ],
  },
  anthropic: {
    keysPage: 'https://console.anthropic.com/settings/keys',
    steps: [
      'Create a workspace for the programs, then "Create Key" in it.',
      'Set the workspace spend limit and rate limits under Limits.',
      copyOnce,
    ],
  },
  google: {
    keysPage: 'https://aistudio.google.com/apikey',
    steps: [
      'Choose "Create API key" in a Google Cloud project used only for this.',
      'In the Cloud console, restrict the key to the Generative Language API.',
      'Set quotas or a budget alert on the project.',
    ],
  },
  openrouter: {
    keysPage: 'https://openrouter.ai/settings/keys',
    steps: ['Choose "Create Key" and give it a credit limit: the key stops when it has spent that much.', copyOnce],
  },
  xai: {
    keysPage: 'https://console.x.ai',
    steps: ['Under API Keys, create a key and allow only the models and endpoints your programs use.', "Set the team's spending limit under Billing.", copyOnce],
  },
  mistral: {
    keysPage: 'https://console.mistral.ai/api-keys',
    steps: ['Choose "Create new key" and give it an expiry date.', "Set the workspace's spending limit under Limits.", copyOnce],
  },
  groq: {
    keysPage: 'https://console.groq.com/keys',
    steps: ['Choose "Create API Key".', 'Set a spend limit under Settings → Billing → Limits.', copyOnce],
  },
  deepseek: {
    keysPage: 'https://platform.deepseek.com/api_keys',
    steps: ['Choose "Create new API key".', 'The account is prepaid: top up only what you are ready to have spent.', copyOnce],
  },
  together: {
    keysPage: 'https://api.together.xyz/settings/api-keys',
    steps: ['Create a key under Settings → API Keys.', 'Keep the balance low, and turn off automatic top-ups you do not need.'],
  },
  perplexity: {
    keysPage: 'https://www.perplexity.ai/account/api/keys',
    steps: ['Generate a key in the API portal.', 'Credits are prepaid: turn off automatic top-up, or set its limit.', copyOnce],
  },
  cohere: {
    keysPage: 'https://dashboard.cohere.com/api-keys',
    steps: ['Create a production key (trial keys are free but tightly rate-limited).', copyOnce],
  },
  'openai-compatible': {
    keysPage: null,
    steps: [
      "Enter the server's base URL, up to /v1 (for example http://127.0.0.1:11434/v1).",
      'Local servers often take any text as the key; use the one your server expects.',
      'Use https for a server on another machine, so the key does not travel in the clear.',
    ],
  },
  'azure-openai': {
    keysPage: 'https://portal.azure.com',
    steps: [
      'Open the Azure OpenAI resource, then "Keys and Endpoint": copy KEY 1 and the endpoint.',
      'Name the deployment your programs call (from the Deployments page).',
      'Rotate by regenerating KEY 2, switching programs to it, then regenerating KEY 1.',
      'Set a budget for the resource group in Cost Management.',
    ],
  },
};
