/** Confirms removing a way to unlock; removing the passphrase asks for it (the core requires it). */
import { Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { SecretInput } from '../../components/SecretInput';
import type { ProtectorKind } from '../../api/contract-types';
import { useAppStores, useVault } from '../../stores/store-hooks';

const PASSPHRASE_FIELD = 'passphrase';

export function RemoveProtectorDialog({ kind, onClose }: { readonly kind: ProtectorKind; readonly onClose: () => void }) {
  const removeProtector = useVault((state) => state.removeProtector);
  const toasts = useAppStores().toasts;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isPassphrase = kind === 'passphrase';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const passphrase = String(new FormData(form).get(PASSPHRASE_FIELD) ?? '');
    if (isPassphrase && passphrase === '') return setError('Enter your passphrase to confirm.');
    setBusy(true);
    const result = await removeProtector({ kind, ...(isPassphrase ? { passphrase } : {}) });
    setBusy(false);
    form.reset();
    if (result.ok) {
      toasts.getState().show('success', isPassphrase ? 'Passphrase removed: the vault now unlocks with the OS keychain only.' : 'The OS keychain no longer unlocks the vault.');
      onClose();
    } else {
      setError(result.error.message);
    }
  }

  return (
    <Dialog title={isPassphrase ? 'Remove the passphrase?' : 'Remove the OS keychain?'} onClose={onClose} tone="danger">
      <form className="stack" onSubmit={submit} noValidate>
        <p>
          {isPassphrase
            ? 'The vault will then open only with the OS keychain, on this computer and for this user. A backup copy could not be opened anywhere else.'
            : 'The vault will then open only with your passphrase.'}
        </p>
        {isPassphrase ? <SecretInput name={PASSPHRASE_FIELD} label="Passphrase" autoFocus error={error} onValueChange={() => setError(null)} /> : <FormError message={error} />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus={!isPassphrase}>Cancel</button>
          <button type="submit" className="button button--danger" disabled={busy} aria-busy={busy}><Trash2 size={16} aria-hidden="true" />{busy ? 'Removing…' : 'Remove'}</button>
        </div>
      </form>
    </Dialog>
  );
}
