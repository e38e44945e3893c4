/**
 * The fields of a new key for a stored key's provider, whichever kind it is (rotating one): an
 * exchange's from exchanges.list with the exchange key checks, an AI provider's from
 * aiProviders.list with the AI key checks. Each kind brings its own fieldset; the form around it is
 * the same.
 */
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import type { CredentialFieldName, CredentialInfo } from '../../api/contract-types';
import { selectAiProvider } from '../../stores/ai-providers-store';
import { useAiProviders, useExchanges } from '../../stores/store-hooks';
import { checkAiField } from '../ai-keys/ai-field-checks';
import { AiKeyFieldset } from '../ai-keys/AiKeyFieldset';
import { checkKeyField } from './field-checks';
import { KeyFieldset } from './KeyFieldInput';

export type KeyFieldErrors = Partial<Record<CredentialFieldName, string>>;

export interface KeyFieldsetProps {
  readonly legend: string;
  readonly errors: KeyFieldErrors;
  readonly setErrors: Dispatch<SetStateAction<KeyFieldErrors>>;
}

export interface KeyForm {
  readonly providerName: string;
  readonly fieldNames: readonly CredentialFieldName[];
  /** The problem with a field's value on submit, or null. */
  check(field: CredentialFieldName, value: string): string | null;
  renderFieldset(props: KeyFieldsetProps): ReactNode;
}

export type KeyFormLookup = { readonly state: 'loading' } | { readonly state: 'unknown' } | { readonly state: 'ready'; readonly form: KeyForm };

export function useKeyForm(credential: Pick<CredentialInfo, 'kind' | 'provider'>): KeyFormLookup {
  const exchange = useExchanges((state) => state.list?.find((item) => item.id === credential.provider) ?? null);
  const exchangesLoaded = useExchanges((state) => state.list !== null);
  const provider = useAiProviders(selectAiProvider(credential.provider));
  const providersLoaded = useAiProviders((state) => state.list !== null);

  if (credential.kind === 'ai') {
    if (provider === null) return { state: providersLoaded ? 'unknown' : 'loading' };
    return {
      state: 'ready',
      form: {
        providerName: provider.name,
        fieldNames: provider.fields.map((field) => field.name),
        check: (name, value) => {
          const field = provider.fields.find((entry) => entry.name === name);
          return field ? checkAiField(provider.id, field, value, true).error : null;
        },
        renderFieldset: (props) => <AiKeyFieldset provider={provider} {...props} />,
      },
    };
  }
  if (exchange === null) return { state: exchangesLoaded ? 'unknown' : 'loading' };
  return {
    state: 'ready',
    form: {
      providerName: exchange.name,
      fieldNames: exchange.fields,
      check: (field, value) => checkKeyField(exchange, field, value, true),
      renderFieldset: (props) => <KeyFieldset exchange={exchange} {...props} />,
    },
  };
}
