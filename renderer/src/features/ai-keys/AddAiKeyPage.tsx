/**
 * Adding an AI provider's key (issue 17): pick the provider, then fill in its key and settings,
 * checked as they are typed by the shared rules, and an expiry date if the person wants one. "Test
 * and save" asks the provider first and saves only a key that works; "Save without testing" stores
 * it unverified. The key never enters React state or a store: it is read from the form on submit,
 * and the form is emptied once it is saved (use-new-key-form.ts).
 */
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { AiProviderInfo, CredentialFieldName } from '../../api/contract-types';
import { useAiProviders, useNavigation } from '../../stores/store-hooks';
import { ExpiryDateField } from '../accounts/ExpiryDateField';
import { ChosenProvider, KeyLabelField, NewKeyFormEnd, ProviderChoicePanel } from '../accounts/NewKeyForm';
import { useNewKeyForm, type KeyFieldsRead } from '../accounts/use-new-key-form';
import { checkAiField } from './ai-field-checks';
import { AiKeyCreationHelp } from './AiKeyCreationHelp';
import { AiKeyFieldset } from './AiKeyFieldset';
import { AiProviderPicker } from './AiProviderPicker';

/** The AI key's fields as typed, each checked by the shared rules; an empty optional setting is left out (the provider's default applies). */
function readAiFields(provider: AiProviderInfo, data: FormData): KeyFieldsRead {
  const fields: Partial<Record<CredentialFieldName, string>> = {};
  const problems: Partial<Record<CredentialFieldName, string>> = {};
  for (const field of provider.fields) {
    const value = String(data.get(field.name) ?? '');
    const problem = checkAiField(provider.id, field, value, true).error;
    if (problem) problems[field.name] = problem;
    if (value.trim() !== '') fields[field.name] = value;
  }
  return { provider: provider.id, providerName: provider.name, fieldNames: provider.fields.map((field) => field.name), fields, problems };
}

export function AddAiKeyPage() {
  const go = useNavigation((state) => state.go);
  const providers = useAiProviders((state) => state.list);
  const providersError = useAiProviders((state) => state.loadError);
  const form = useNewKeyForm('ai-keys');
  const [provider, setProvider] = useState<AiProviderInfo | null>(null);

  function pick(picked: AiProviderInfo | null) {
    setProvider(picked);
    form.clearErrors();
  }

  return (
    <>
      <PageHeader focusOnMount={false} title="Add an AI key" description="Keywarden stores the key encrypted on this computer and never shows it again, not even in part." />
      <div className="add-key">
        <div className="add-key__main">
          {provider === null ? (
            <ProviderChoicePanel title="Choose the AI provider" loading={providers === null ? 'Loading AI providers…' : null} error={providersError} onCancel={() => go('ai-keys')}>
              {providers !== null ? <AiProviderPicker providers={providers} onPick={pick} /> : null}
            </ProviderChoicePanel>
          ) : (
            <form className="panel stack" onSubmit={(event) => void form.submit(event, (data) => readAiFields(provider, data))} noValidate aria-label={`${provider.name} key`}>
              <ChosenProvider id={provider.id} name={provider.name} what="AI provider" onChange={() => pick(null)} />
              <KeyLabelField {...form.labelField} placeholder={`${provider.name} main`} hint="How you will recognise this key, in this app, in the programs you start through Keywarden and on the command line." />
              {/* Keyed by provider: switching providers remounts, and so empties, every key field. */}
              <AiKeyFieldset key={provider.id} provider={provider} legend={`Key from ${provider.name}`} errors={form.fieldErrors} setErrors={form.setFieldErrors} />
              <ExpiryDateField {...form.expiryField} />
              <NewKeyFormEnd
                formError={form.formError}
                busy={form.busy}
                onCancel={() => go('ai-keys')}
                explanation={<><strong>Test and save</strong> asks {provider.name} whether the key works (a free read, such as its list of models) and saves it only if it does. <strong>Save without testing</strong> stores it as not checked yet, for when {provider.name} cannot be reached.</>}
              />
            </form>
          )}
        </div>
        <AiKeyCreationHelp provider={provider} />
      </div>
    </>
  );
}
