/**
 * What `keywarden add <provider>` asks for: an exchange's fields (all required) or an AI provider's
 * (some optional, such as an OpenAI organization), and the warnings the shared key-shape rules give
 * about what was typed. The core checks the same rules again when it saves; a warning never stops
 * a save, since providers change their formats and the check call is what proves a key.
 */
import type { CliSession } from './cli-session';
import { aiFieldShape } from '../shared/ai-field-shapes';
import { aiKeyShape } from '../shared/ai-key-shapes';
import { isAiProviderId } from '../shared/ai-providers';
import type { CredentialFieldName } from '../shared/credential-field-labels';
import { isWalletProviderId, walletProviders } from '../shared/wallet-providers';

export interface ProviderForm {
  readonly id: string;
  readonly name: string;
  readonly kind: 'exchange' | 'ai' | 'wallet' | 'polymarket';
  readonly fields: readonly { readonly name: CredentialFieldName; readonly required: boolean; readonly secret?: boolean }[];
  /** Exactly one of these is given (an EVM wallet: its private key or its recovery phrase). */
  readonly oneOf?: readonly CredentialFieldName[];
}

export async function providerForm(session: CliSession, providerId: string): Promise<ProviderForm> {
  const id = providerId.trim().toLowerCase();
  if (isWalletProviderId(id)) {
    const provider = walletProviders[id];
    return { id, name: provider.name, kind: provider.kind, fields: provider.fields, oneOf: provider.oneOf };
  }
  if (isAiProviderId(id)) {
    const info = (await session.call('aiProviders.list', {})).find((provider) => provider.id === id)!;
    return { id, name: info.name, kind: 'ai', fields: info.fields };
  }
  const exchange = await session.call('exchanges.get', { id: providerId });
  return { id: exchange.id, name: exchange.name, kind: 'exchange', fields: exchange.fields.map((name) => ({ name, required: true })) };
}

/** The shape warnings for an AI key's fields as typed (values that are not text are the core's to refuse). */
export function shapeWarnings(form: ProviderForm, fields: Readonly<Record<string, unknown>>): string[] {
  if (form.kind !== 'ai' || !isAiProviderId(form.id)) return [];
  const provider = form.id;
  return Object.entries(fields).flatMap(([name, value]) => {
    if (typeof value !== 'string' || value.trim() === '' || !form.fields.some((field) => field.name === name)) return [];
    const shape = name === 'apiKey' ? aiKeyShape(provider, value) : aiFieldShape(provider, name as Parameters<typeof aiFieldShape>[1], value);
    return shape.verdict === 'warning' ? [shape.message] : [];
  });
}
