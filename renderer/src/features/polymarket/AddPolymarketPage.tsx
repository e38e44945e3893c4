/**
 * Connecting a Polymarket account (issue 18): the private key of the wallet that signs its orders,
 * the funder (the address on the Polymarket profile, when it is not that wallet), the signature type
 * in plain words (worked out from the funder when left alone), and, folded away, CLOB API
 * credentials for those who already have them (empty: derived from the key). "Test and save" asks
 * Polymarket first and saves only an account that works; "Save" stores it unverified. The key never
 * enters React state or a store: it is read from the form on submit, and the form is emptied once
 * the account is saved (use-new-key-form.ts). A funder the key cannot sign for is refused by the
 * core with the addresses it can sign for, shown under the funder field.
 */
import { Save, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { SecretInput } from '../../components/SecretInput';
import type { CredentialFieldName } from '../../api/contract-types';
import { useNavigation } from '../../stores/store-hooks';
import { KeyLabelField } from '../accounts/NewKeyForm';
import { withoutError } from '../accounts/save-new-key';
import { useNewKeyForm } from '../accounts/use-new-key-form';
import { apiCredentialFields, polymarketField, polymarketFieldLabel, polymarketProvider, readPolymarketFields } from './polymarket-fields';
import { SignatureTypeField } from './SignatureTypeField';
import './polymarket.css';

export function AddPolymarketPage() {
  const go = useNavigation((state) => state.go);
  const form = useNewKeyForm('polymarket');
  const [credentialsOpen, setCredentialsOpen] = useState(false);
  const errors = form.fieldErrors;
  const apiError = apiCredentialFields.some((name) => errors[name] !== undefined);

  const clear = (name: CredentialFieldName) => form.setFieldErrors((current) => withoutError(current, name));

  return (
    <>
      <PageHeader
        focusOnMount={false}
        title="Connect a Polymarket account"
        description="Keywarden keeps the signing wallet’s key encrypted on this computer, signs your Polymarket orders with it, and never shows it again unless you export it."
      />
      <div className="add-key">
        <div className="add-key__main">
          <form
            className="panel stack"
            onSubmit={(event) => {
              // Opened before the check, so an error in an API field is seen and can take the focus.
              const data = new FormData(event.currentTarget);
              if (apiCredentialFields.some((name) => String(data.get(name) ?? '').trim() !== '')) setCredentialsOpen(true);
              void form.submit(event, readPolymarketFields);
            }}
            noValidate
            aria-label="Polymarket account"
          >
            <KeyLabelField {...form.labelField} placeholder="Polymarket main" hint="How you will recognise this account, in this app, on the command line and in alerts." />

            <fieldset className="inset-box inset-box--roomy">
              <legend className="key-fields__legend">Signing wallet</legend>
              <SecretInput
                name="privateKey"
                label={polymarketFieldLabel('privateKey')}
                hint={<>{polymarketField('privateKey').hint} Email login: export it on polymarket.com (Settings, Export private key). Browser wallet: from the wallet app, such as MetaMask.</>}
                error={errors.privateKey}
                onValueChange={() => clear('privateKey')}
              />
              <SecretInput
                name="funderAddress"
                label={polymarketFieldLabel('funderAddress')}
                reveal
                hint="The address on your Polymarket profile, if it is not this wallet. It holds your pUSD; Keywarden checks that the key can sign for it."
                error={errors.funderAddress}
                onValueChange={() => {
                  clear('funderAddress');
                  clear('signatureType');
                }}
              />
              <SignatureTypeField error={errors.signatureType} onChange={() => clear('signatureType')} />
            </fieldset>

            <details className="inset-box polymarket-credentials" open={credentialsOpen || apiError} onToggle={(event) => setCredentialsOpen(event.currentTarget.open)}>
              <summary className="polymarket-credentials__summary">I already have CLOB API credentials</summary>
              <p className="muted small">Give all three, or leave them empty and Keywarden derives them from the key (they are the same each time).</p>
              {apiCredentialFields.map((name) => (
                <SecretInput
                  key={name}
                  name={name}
                  label={polymarketFieldLabel(name)}
                  reveal={!polymarketField(name).secret}
                  hint={polymarketField(name).hint.replace(/^Optional: /, '')}
                  error={errors[name]}
                  onValueChange={() => {
                    for (const field of apiCredentialFields) clear(field);
                  }}
                />
              ))}
            </details>

            <p className="callout callout--info">
              <strong>Test and save</strong> signs in to Polymarket with the key, checks that it can sign for the funder, and reads its pUSD balance; it saves the account only if that works. <strong>Save</strong> stores it as not checked yet, for when Polymarket cannot be reached.
            </p>
            <FormError message={form.formError} />
            <div className="form-actions">
              <button type="button" className="button button--secondary" onClick={() => go('polymarket')}>Cancel</button>
              <button type="submit" name="intent" value="save" className="button button--secondary" disabled={form.busy}><Save size={16} aria-hidden="true" />Save</button>
              <button type="submit" name="intent" value="test" className="button button--primary" disabled={form.busy} aria-busy={form.busy}><ShieldCheck size={16} aria-hidden="true" />{form.busy ? 'Checking…' : 'Test and save'}</button>
            </div>
          </form>
        </div>
        <aside className="help-panel" aria-labelledby="polymarket-help-title">
          <h2 className="help-panel__title" id="polymarket-help-title">What Keywarden needs</h2>
          <p className="help-panel__text">{polymarketProvider.summary}</p>
          <ol className="help-panel__steps">
            <li>The private key of the wallet that signs your orders. Use a wallet that holds only what you trade with.</li>
            <li>The funder: the address shown on your Polymarket profile. With an email login or a browser wallet it is not the key’s own address.</li>
            <li>Nothing else: the signature type follows from the funder, and the CLOB API credentials from the key.</li>
          </ol>
          <p className="help-panel__text muted">Orders go through the same risk limits as your exchange accounts, valued in US dollars.</p>
        </aside>
      </div>
    </>
  );
}
