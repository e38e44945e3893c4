/**
 * Adding an exchange key: pick the exchange, then fill in exactly the fields it signs with, and an
 * expiry date if the person wants one. Fields are checked as they are typed; on save the core checks
 * again, and its message (naming the field in error.details.field) is shown under that field. The
 * key values never enter React state or a store: they are read from the form on submit and the form
 * is cleared once they are saved (use-new-key-form.ts).
 */
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { CredentialFieldName, Environment, ExchangeInfo } from '../../api/contract-types';
import { keyStateWords } from '../../../../electron/shared/key-vocabulary';
import { useExchanges, useNavigation } from '../../stores/store-hooks';
import { EnvironmentChoice } from './EnvironmentChoice';
import { ExchangePicker } from './ExchangePicker';
import { ExpiryDateField } from './ExpiryDateField';
import { checkKeyField } from './field-checks';
import { KeyCreationHelp } from './KeyCreationHelp';
import { KeyFieldset } from './KeyFieldInput';
import { ChosenProvider, KeyLabelField, NewKeyFormEnd, ProviderChoicePanel } from './NewKeyForm';
import { useNewKeyForm, type KeyFieldsRead } from './use-new-key-form';

/** The exchange key's fields as typed, each checked as the core will. */
function readExchangeFields(exchange: ExchangeInfo, environment: Environment, data: FormData): KeyFieldsRead {
  const fields: Partial<Record<CredentialFieldName, string>> = {};
  const problems: Partial<Record<CredentialFieldName, string>> = {};
  for (const field of exchange.fields) {
    const value = String(data.get(field) ?? '');
    const problem = checkKeyField(exchange, field, value, true);
    if (problem) problems[field] = problem;
    fields[field] = value;
  }
  return { provider: exchange.id, providerName: exchange.name, environment, fieldNames: exchange.fields, fields, problems };
}

export function AddKeyPage() {
  const go = useNavigation((state) => state.go);
  const exchanges = useExchanges((state) => state.list);
  const exchangesError = useExchanges((state) => state.loadError);
  const form = useNewKeyForm('accounts');
  const [exchange, setExchange] = useState<ExchangeInfo | null>(null);
  const [environment, setEnvironment] = useState<Environment>('live');

  function pick(picked: ExchangeInfo | null) {
    setExchange(picked);
    form.clearErrors();
    if (picked && !picked.hasTestnet) setEnvironment('live');
  }

  return (
    <>
      <PageHeader focusOnMount={false} title="Add a key" description="Keywarden stores the key encrypted on this computer and never shows it again." />
      <div className="add-key">
        <div className="add-key__main">
          {exchange === null ? (
            <ProviderChoicePanel title="Choose the exchange" loading={exchanges === null ? 'Loading exchanges…' : null} error={exchangesError} onCancel={() => go('accounts')}>
              {exchanges !== null ? <ExchangePicker exchanges={exchanges} onPick={pick} /> : null}
            </ProviderChoicePanel>
          ) : (
            <form className="panel stack" onSubmit={(event) => void form.submit(event, (data) => readExchangeFields(exchange, environment, data))} noValidate aria-label={`${exchange.name} key`}>
              <ChosenProvider id={exchange.id} name={exchange.name} what="Exchange" onChange={() => pick(null)} />
              <EnvironmentChoice value={environment} onChange={setEnvironment} testnetAvailable={exchange.hasTestnet} />
              <KeyLabelField {...form.labelField} placeholder={`${exchange.name} main`} hint="How you will recognise this key, in this app, alerts and the command line." />
              {/* Keyed by exchange: switching exchanges remounts, and so empties, every key field. */}
              <KeyFieldset key={exchange.id} exchange={exchange} legend={`Key from ${exchange.name}`} errors={form.fieldErrors} setErrors={form.setFieldErrors} />
              <ExpiryDateField {...form.expiryField} />
              <NewKeyFormEnd
                formError={form.formError}
                busy={form.busy}
                onCancel={() => go('accounts')}
                explanation={<><strong>Test and save</strong> checks the key with {exchange.name} first (a signed balance request) and saves it only if {exchange.name} accepts it. <strong>Save without testing</strong> stores it as “{keyStateWords['not-checked'].word}”, for when {exchange.name} cannot be reached.</>}
              />
            </form>
          )}
        </div>
        <KeyCreationHelp exchange={exchange} />
      </div>
    </>
  );
}
