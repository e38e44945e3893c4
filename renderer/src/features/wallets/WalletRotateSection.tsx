/**
 * Rotating a wallet: the new key (the same form as adding one), the wallet's network, node and
 * tokens kept. The core reads the old wallet's funds first and answers with the next steps, the
 * first of which is moving those funds to the new address: Keywarden never moves funds. The key
 * never enters React state or a store, and the form is emptied as soon as the core has answered.
 */
import { RotateCw } from 'lucide-react';
import { Fragment, useState, type FormEvent } from 'react';
import type { CredentialInfo } from '../../api/contract-types';
import { useAppStores, useCredentials } from '../../stores/store-hooks';
import { readWalletKeyFields, walletErrorField, type WalletFieldErrors } from './wallet-form-reading';
import { WalletKeyFields } from './WalletKeyFields';
import { isWalletProvider } from './wallet-presentation';

export function WalletRotateSection({ wallet }: { readonly wallet: CredentialInfo }) {
  const rotate = useCredentials((state) => state.rotate);
  const toasts = useAppStores().toasts;
  const [errors, setErrors] = useState<WalletFieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped after every answer: remounting the fieldset empties the key fields.
  const [generation, setGeneration] = useState(0);
  const provider = isWalletProvider(wallet.provider) ? wallet.provider : null;
  if (provider === null) return <p className="muted">Keywarden does not know this kind of wallet (“{wallet.provider}”).</p>;

  async function submit(event: FormEvent<HTMLFormElement>, kind: NonNullable<typeof provider>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFailure(null);
    const read = readWalletKeyFields(kind, new FormData(form));
    if (Object.keys(read.problems).length > 0) {
      setErrors(read.problems);
      const first = Object.keys(read.problems)[0];
      const control = first === undefined ? null : form.elements.namedItem(first);
      if (control instanceof HTMLElement) control.focus();
      return;
    }
    setBusy(true);
    const result = await rotate({ ref: wallet.id, fields: read.fields });
    setBusy(false);
    form.reset();
    setGeneration((value) => value + 1);
    if (result.ok) {
      setErrors({});
      toasts.getState().show('success', `“${result.value.credential.label}” now uses the new wallet. Move the funds left in the old one.`);
      return;
    }
    const field = walletErrorField(result.error);
    if (field !== null) return setErrors({ [field]: `${result.error.message} Paste the key again.` });
    setErrors({});
    setFailure(result.error.message);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event, provider)} noValidate aria-label={`New key for ${wallet.label}`}>
      <Fragment key={generation}>
        <WalletKeyFields provider={provider} legend="The new wallet’s key" errors={errors} onEdit={(field) => setErrors(({ [field]: _dropped, ...rest }) => rest)} />
      </Fragment>
      {failure ? (
        <div className="callout callout--danger" role="alert">
          <p className="callout__title">The wallet was not rotated</p>
          <p>{failure}</p>
        </div>
      ) : null}
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}><RotateCw size={16} aria-hidden="true" />{busy ? 'Rotating…' : 'Rotate to the new key'}</button>
      </div>
    </form>
  );
}
