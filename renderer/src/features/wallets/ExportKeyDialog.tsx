/**
 * Exporting a wallet's private key (or recovery phrase), to move it to a hardware wallet: the core's
 * warning, the vault passphrase typed again, then the key shown once with a Copy button. The key
 * lives only in this dialog's state: "Done", Escape, leaving the page or the vault locking (which
 * unmounts every page) clear it. The passphrase is read from its input and the input emptied at once.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { SecretInput } from '../../components/SecretInput';
import type { CredentialInfo } from '../../api/contract-types';
import { exportWalletSecret, type ExportedSecret } from './wallet-channels';

export function ExportKeyDialog({ wallet, onClose }: { readonly wallet: CredentialInfo; readonly onClose: () => void }) {
  const [revealed, setRevealed] = useState<ExportedSecret | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passphrase = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  function close() {
    setRevealed(null);
    onClose();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const typed = String(new FormData(form).get('vaultPassphrase') ?? '');
    form.reset();
    setPassphraseError(null);
    setFormError(null);
    if (typed === '') {
      setPassphraseError('Type the vault passphrase to export the key.');
      passphrase.current?.focus();
      return;
    }
    setBusy(true);
    const result = await exportWalletSecret(wallet.id, typed);
    if (!mounted.current) return;
    setBusy(false);
    if (result.ok) return setRevealed(result.value);
    if (result.error.code === 'WRONG_PASSPHRASE' || result.error.details?.['field'] === 'vaultPassphrase') {
      setPassphraseError(result.error.message);
      passphrase.current?.focus();
      return;
    }
    setFormError(result.error.message);
  }

  return (
    <Dialog title={`Export the key of “${wallet.label}”`} onClose={close} tone="danger">
      {revealed === null ? (
        <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label="Export private key">
          <div className="callout callout--warning">
            <p className="callout__title">Whoever has this key has the wallet’s funds</p>
            <p>Export it only to move the wallet to a hardware wallet or another app you trust. It is shown once, here, and never stored anywhere by Keywarden; do not paste it into a chat, an email or a website. The export is written to the audit log.</p>
          </div>
          <SecretInput ref={passphrase} name="vaultPassphrase" label="Vault passphrase" hint="The passphrase you unlock Keywarden with, typed again." error={passphraseError} autoFocus />
          <FormError message={formError} />
          <div className="dialog__actions">
            <button type="button" className="button button--secondary" onClick={close}>Cancel</button>
            <button type="submit" className="button button--danger" disabled={busy} aria-busy={busy}>{busy ? 'Checking…' : 'Show the key'}</button>
          </div>
        </form>
      ) : (
        <RevealedKey exported={revealed} onDone={close} />
      )}
    </Dialog>
  );
}

function RevealedKey({ exported, onDone }: { readonly exported: ExportedSecret; readonly onDone: () => void }) {
  const secrets = [
    ...(exported.fields.privateKey === undefined ? [] : [{ name: 'Private key', text: exported.fields.privateKey }]),
    ...(exported.fields.mnemonic === undefined ? [] : [{ name: 'Recovery phrase', text: exported.fields.mnemonic }]),
  ];
  return (
    <div className="stack" role="region" aria-label="Exported key">
      <div className="callout callout--warning">
        <p>{exported.warning}</p>
      </div>
      {exported.address !== null ? (
        <p>Check that the wallet you import it into shows the address <span className="mono">{exported.address}</span>.</p>
      ) : null}
      {secrets.map((secret) => (
        <div key={secret.name} className="inset-box stack stack--narrow">
          <span className="field__label">{secret.name}</span>
          <code className="one-time__value" aria-label={secret.name}>{secret.text}</code>
          <span><CopyButton text={secret.text} what={`The ${secret.name.toLowerCase()}`} /></span>
        </div>
      ))}
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onDone} autoFocus>Done</button>
      </div>
    </div>
  );
}
