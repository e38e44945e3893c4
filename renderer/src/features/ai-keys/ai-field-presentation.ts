/** How the fields of an AI key are labelled and explained in the forms (the names are the shared ones). */
import type { AiProviderField, AiProviderInfo } from '../../api/contract-types';
import { defaultAzureApiVersion } from '../../../../electron/shared/ai-field-shapes';
import { fieldTitle } from '../../../../electron/shared/credential-field-labels';

/** "API key", "Organization ID (optional)". */
export function aiFieldLabel(field: Pick<AiProviderField, 'name' | 'required'>): string {
  return field.required ? fieldTitle(field.name) : `${fieldTitle(field.name)} (optional)`;
}

/** A line under the field: what its value looks like, or what leaving it empty means. */
export function aiFieldHint(provider: Pick<AiProviderInfo, 'keyHint'>, field: Pick<AiProviderField, 'name'>): string | null {
  switch (field.name) {
    case 'apiKey': return provider.keyHint ?? 'Whatever key the server expects; a server on this computer often takes any text.';
    case 'organization': return 'Only for a key that belongs to several organizations. Empty: the key’s default organization.';
    case 'project': return 'Only to hold the key to one project. Empty: the key’s own project.';
    case 'baseUrl': return 'The server’s address up to where the API paths start, usually ending in /v1, such as http://127.0.0.1:11434/v1.';
    case 'endpoint': return 'Your Azure OpenAI resource’s address, such as https://my-resource.openai.azure.com.';
    case 'deployment': return 'The name of the model deployment, from the Deployments page of your resource.';
    case 'apiVersion': return `Empty: ${defaultAzureApiVersion}.`;
    default: return null;
  }
}
