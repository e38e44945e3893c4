/**
 * A wallet's Settings (issue 18): its network, RPC node and tokens changed without a new key
 * (credentials.changeSettings), with the add form's own controls (WalletNetworkFields). The RPC URL
 * is secret: the page only says whether one is set; a new one is typed into a masked field that is
 * emptied once the core has answered. Only what changed is sent; the core's refusal is shown under
 * the field it names. After a change the key is unverified: "Verify now" checks it with the new
 * settings, and the balances are read again from the new node.
 */
import { Save } from 'lucide-react';
import { Fragment, useState, type FormEvent } from 'react';
import type { CredentialInfo } from '../../api/contract-types';
import { useAppStores } from '../../stores/store-hooks';
import { withoutError } from '../accounts/save-new-key';
import { CurrentSettings } from './CurrentSettings';
import { SettingsSavedNote, type SavedSettings } from './SettingsSavedNote';
import { changeWalletSettings } from './wallet-channels';
import { readWalletSettingsChanges, walletErrorField, type WalletFieldErrors } from './wallet-form-reading';
import { WalletNetworkFields } from './WalletNetworkFields';
import type { WalletProviderIdOfKind } from './wallet-presentation';
import './wallets.css';

export function WalletSettingsSection({ wallet, provider }: { readonly wallet: CredentialInfo; readonly provider: WalletProviderIdOfKind }) {
  const { credentials } = useAppStores();
  const [errors, setErrors] = useState<WalletFieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedSettings | null>(null);
  const [busy, setBusy] = useState(false);
  // The core answered with the settings unchanged: what was typed is what it has.
  const [noChange, setNoChange] = useState(false);
  // Bumped after a save: remounting the fields empties them and starts them from the new settings.
  const [generation, setGeneration] = useState(0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFailure(null);
    setNoChange(false);
    const read = readWalletSettingsChanges(provider, new FormData(form), wallet.fields);
    const focus = (field: string) => {
      const control = form.elements.namedItem(field === 'chainId' ? (form.elements.namedItem('customChainId') ? 'customChainId' : 'chainChoice') : field);
      if (control instanceof HTMLElement) control.focus();
    };
    if (Object.keys(read.problems).length > 0) {
      setErrors(read.problems);
      const first = Object.keys(read.problems)[0];
      if (first !== undefined) focus(first);
      return;
    }
    if (Object.keys(read.fields).length === 0) {
      setErrors({});
      setFailure('Nothing to save: choose another network, type a new RPC URL or tokens, or remove one.');
      return;
    }
    setBusy(true);
    const result = await changeWalletSettings(wallet.id, read.fields);
    setBusy(false);
    // The RPC URL typed is secret: emptied whatever the answer (the other choices stay, to be fixed).
    const rpcUrl = form.elements.namedItem('rpcUrl');
    if (rpcUrl instanceof HTMLInputElement) rpcUrl.value = '';
    if (result.ok && result.value.updatedAt === wallet.updatedAt) {
      setErrors({});
      setFailure(null);
      setNoChange(true);
      return;
    }
    if (result.ok) {
      form.reset();
      setErrors({});
      setSaved(read.fields);
      setGeneration((value) => value + 1);
      await credentials.getState().refresh();
      return;
    }
    const field = walletErrorField(result.error);
    if (field !== null && field in read.fields) {
      setErrors({ [field]: field === 'rpcUrl' && read.fields.rpcUrl !== '' ? `${result.error.message} Type it again.` : result.error.message });
      focus(field);
      return;
    }
    setErrors({});
    setFailure(result.error.message);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label={`Settings of ${wallet.label}`}>
      <CurrentSettings credential={wallet} show="network" />
      <Fragment key={generation}>
        <WalletNetworkFields
          provider={provider}
          current={wallet.fields}
          errors={errors}
          onEdit={(field) => {
            setErrors((current) => withoutError(current, field));
            setFailure(null);
          }}
        />
      </Fragment>
      {failure ? (
        <div className="callout callout--danger" role="alert">
          <p className="callout__title">The settings were not changed</p>
          <p>{failure}</p>
        </div>
      ) : null}
      {noChange ? <p className="callout callout--info" role="status">Nothing changed: those are the settings it has.</p> : null}
      {saved !== null ? <SettingsSavedNote credentialId={wallet.id} saved={saved} checkDoes="to read the balances with the new settings" onVerified={() => setSaved(null)} /> : null}
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}><Save size={16} aria-hidden="true" />{busy ? 'Saving…' : 'Save settings'}</button>
      </div>
    </form>
  );
}
