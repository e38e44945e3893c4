/**
 * Rotating a Polymarket account to a new signing key: the new key, and only if they change, the
 * funder and the API credentials (the funder and signature type are kept otherwise; empty API fields
 * are derived from the new key). Checked with Polymarket before anything changes: a refused key
 * leaves the account on its current key. The key is read from the form and the form emptied as soon
 * as the core has answered.
 */
import { RotateCw } from 'lucide-react';
import { Fragment, useState, type FormEvent } from 'react';
import { SecretInput } from '../../components/SecretInput';
import type { CredentialFieldName, CredentialInfo } from '../../api/contract-types';
import { useAppStores, useCredentials } from '../../stores/store-hooks';
import { withoutError } from '../accounts/save-new-key';
import { apiCredentialFields, polymarketField, polymarketFieldLabel, readPolymarketFields } from './polymarket-fields';

export function RotatePolymarketSection({ credential }: { readonly credential: CredentialInfo }) {
  const rotate = useCredentials((state) => state.rotate);
  const toasts = useAppStores().toasts;
  const [errors, setErrors] = useState<Partial<Record<CredentialFieldName, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFailure(null);
    const read = readPolymarketFields(new FormData(form));
    if (Object.keys(read.problems).length > 0) return setErrors(read.problems);
    setBusy(true);
    const result = await rotate({ ref: credential.id, fields: read.fields });
    setBusy(false);
    form.reset();
    setGeneration((value) => value + 1);
    if (result.ok) {
      setErrors({});
      toasts.getState().show('success', `“${result.value.credential.label}” now signs with the new key (${result.value.verification === null ? 'without checking it' : 'after checking it'}).`);
      return;
    }
    const field = result.error.details?.['field'];
    if (typeof field === 'string' && (read.fieldNames as readonly string[]).includes(field)) return setErrors({ [field]: `${result.error.message} Paste the key again.` });
    setErrors({});
    setFailure(result.error.message);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label={`New key for ${credential.label}`}>
      <Fragment key={generation}>
        <SecretInput name="privateKey" label="New signing wallet’s private key" hint={polymarketField('privateKey').hint} error={errors.privateKey} onValueChange={() => setErrors((current) => withoutError(current, 'privateKey'))} />
        <SecretInput name="funderAddress" reveal label={polymarketFieldLabel('funderAddress')} hint="Leave empty to keep the current funder." error={errors.funderAddress} onValueChange={() => setErrors((current) => withoutError(current, 'funderAddress'))} />
        <details className="inset-box polymarket-credentials" open={apiCredentialFields.some((name) => errors[name] !== undefined) || undefined}>
          <summary className="polymarket-credentials__summary">I already have CLOB API credentials for the new key</summary>
          {apiCredentialFields.map((name) => (
            <SecretInput key={name} name={name} reveal={!polymarketField(name).secret} label={polymarketFieldLabel(name)} error={errors[name]} onValueChange={() => setErrors((current) => withoutError(current, name))} />
          ))}
        </details>
      </Fragment>
      {failure ? (
        <div className="callout callout--danger" role="alert">
          <p className="callout__title">The account was not rotated</p>
          <p>{failure}</p>
        </div>
      ) : null}
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}><RotateCw size={16} aria-hidden="true" />{busy ? 'Checking the new key with Polymarket…' : 'Verify and rotate'}</button>
      </div>
    </form>
  );
}
