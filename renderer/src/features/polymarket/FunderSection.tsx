/**
 * A Polymarket account's funder and signature type, changed without a new key
 * (credentials.changeSettings): the connect form's own controls, "Save", the core's refusal under the
 * field it names (a funder the key cannot sign for comes with the addresses it can sign for), then
 * "Verify now": the account is unverified until Polymarket is asked with the new funder.
 */
import { Save } from 'lucide-react';
import { CurrentSettings } from '../wallets/CurrentSettings';
import { Fragment, useState, type FormEvent } from 'react';
import type { CredentialFieldName, CredentialInfo } from '../../api/contract-types';
import { SecretInput } from '../../components/SecretInput';
import { useAppStores } from '../../stores/store-hooks';
import { fieldOfError, withoutError } from '../accounts/save-new-key';
import { SettingsSavedNote, type SavedSettings } from '../wallets/SettingsSavedNote';
import { changeWalletSettings } from '../wallets/wallet-channels';
import '../wallets/wallets.css';
import { readFunderChanges } from './polymarket-fields';
import { SignatureTypeField } from './SignatureTypeField';

const FUNDER_FIELDS = ['funderAddress', 'signatureType'] as const satisfies readonly CredentialFieldName[];

type FunderErrors = Partial<Record<(typeof FUNDER_FIELDS)[number], string>>;

export function FunderSection({ credential }: { readonly credential: CredentialInfo }) {
  const { credentials } = useAppStores();
  const [errors, setErrors] = useState<FunderErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedSettings | null>(null);
  const [busy, setBusy] = useState(false);
  // The core answered with the settings unchanged: what was typed is what it has.
  const [noChange, setNoChange] = useState(false);
  const [removing, setRemoving] = useState(false);
  // Bumped after a save: remounting the controls starts them from the new settings.
  const [generation, setGeneration] = useState(0);
  const funderSet = credential.fields.includes('funderAddress');
  const typeSet = credential.fields.includes('signatureType');

  const edited = (field: (typeof FUNDER_FIELDS)[number]) => {
    setErrors((current) => withoutError(current, field));
    setFailure(null);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFailure(null);
    setNoChange(false);
    const changes = readFunderChanges(new FormData(form), credential.fields);
    if (Object.keys(changes).length === 0) {
      setErrors({});
      setFailure('Nothing to save: type a funder address, choose a signature type, or remove the funder.');
      return;
    }
    setBusy(true);
    const result = await changeWalletSettings(credential.id, changes);
    setBusy(false);
    if (result.ok && result.value.updatedAt === credential.updatedAt) {
      setErrors({});
      setFailure(null);
      setNoChange(true);
      return;
    }
    if (result.ok) {
      form.reset();
      setErrors({});
      setRemoving(false);
      setSaved(changes);
      setGeneration((value) => value + 1);
      await credentials.getState().refresh();
      return;
    }
    const field = fieldOfError(result.error, FUNDER_FIELDS);
    if (field !== null) {
      setErrors({ [field]: result.error.message });
      const control = form.elements.namedItem(field);
      if (control instanceof HTMLElement) control.focus();
      return;
    }
    setErrors({});
    setFailure(result.error.message);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label={`Funder of ${credential.label}`}>
      <CurrentSettings credential={credential} show="funder" />
      <Fragment key={generation}>
        <fieldset className="inset-box inset-box--roomy stack">
          <legend className="key-fields__legend">Funder</legend>
          <div className="stack stack--tight">
            {removing ? (
              <div className="callout callout--warning wallet-setting__removed">
                <span>The funder address will be removed when you save: the signing wallet itself will hold the funds.</span>
                <button type="button" className="button button--secondary button--small" onClick={() => { setRemoving(false); edited('funderAddress'); }}>Keep it</button>
              </div>
            ) : (
              <SecretInput
                name="funderAddress"
                reveal
                label={funderSet ? 'Replace the funder address' : 'Funder address'}
                hint={funderSet ? 'The address on your Polymarket profile. Leave it empty to keep the current one.' : 'The address on your Polymarket profile, if it is not the signing wallet. Keywarden checks that the key can sign for it.'}
                error={errors.funderAddress}
                onValueChange={() => {
                  edited('funderAddress');
                  edited('signatureType');
                }}
              />
            )}
            {funderSet && !removing ? (
              <div>
                <button type="button" className="button button--danger-quiet button--small" onClick={() => { setRemoving(true); edited('funderAddress'); }}>Remove funder address</button>
              </div>
            ) : null}
            <input type="hidden" name="funderAddressRemove" value={removing ? 'yes' : ''} />
          </div>
          <SignatureTypeField keepCurrent={typeSet} error={errors.signatureType} onChange={() => edited('signatureType')} />
        </fieldset>
      </Fragment>
      {failure ? (
        <div className="callout callout--danger" role="alert">
          <p className="callout__title">The funder was not changed</p>
          <p>{failure}</p>
        </div>
      ) : null}
      {noChange ? <p className="callout callout--info" role="status">Nothing changed: those are the settings it has.</p> : null}
      {saved !== null ? <SettingsSavedNote credentialId={credential.id} saved={saved} checkDoes="to sign in to Polymarket with them and read the funder’s pUSD" onVerified={() => setSaved(null)} /> : null}
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}><Save size={16} aria-hidden="true" />{busy ? 'Saving…' : 'Save'}</button>
      </div>
    </form>
  );
}
