/**
 * First run on a new computer: create the vault from a backup instead of an empty one. The person
 * chooses the backup file in the system dialog and types its passphrase; the new vault then unlocks
 * with that same passphrase (changed later in Settings). Nothing is created when the file or the
 * passphrase is wrong (backup.restoreIntoNewVault checks the backup first).
 */
import { ArchiveRestore, Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/FormError';
import { SecretInput } from '../../components/SecretInput';
import { useAppStores, useBackup, useVault } from '../../stores/store-hooks';
import { FILE_ERRORS, FileField, type Chosen } from '../settings/BackupSection';

const PASSPHRASE_FIELD = 'backupPassphrase';

export function RestoreBackupForm({ onCancel }: { readonly onCancel: () => void }) {
  const restore = useBackup((state) => state.restoreIntoNewVault);
  const refresh = useVault((state) => state.refresh);
  const { toasts } = useAppStores();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFileError(null);
    setPassphraseError(null);
    setFormError(null);
    const passphrase = String(new FormData(form).get(PASSPHRASE_FIELD) ?? '');
    if (!chosen) return setFileError('Choose the backup file.');
    if (passphrase === '') return setPassphraseError('Enter the passphrase chosen for this backup.');
    setBusy(true);
    const result = await restore({ fileHandle: chosen.fileHandle, passphrase });
    setBusy(false);
    if (result.ok) {
      form.reset();
      const keys = result.value.imported + result.value.renamed;
      toasts.getState().show('success', `Vault restored from the backup: ${keys} key${keys === 1 ? '' : 's'}. It unlocks with the backup’s passphrase; you can change it in Settings.`);
      await refresh();
      return;
    }
    if (result.error.code === 'BACKUP_WRONG_PASSPHRASE') setPassphraseError(result.error.message);
    else if (FILE_ERRORS.has(result.error.code)) setFileError(result.error.message);
    else setFormError(result.error.message);
  }

  return (
    <form className="stack" aria-label="Restore from a backup" onSubmit={submit} noValidate>
      <FileField label="Backup file" purpose="backup-import" chosen={chosen} error={fileError} onError={setFileError} onChosen={(choice) => { setFileError(null); setChosen(choice); }} />
      <SecretInput name={PASSPHRASE_FIELD} label="Backup passphrase" hint="The passphrase chosen when the backup was written. It will also unlock this vault." error={passphraseError} onValueChange={() => setPassphraseError(null)} />
      <FormError message={formError} />
      <button type="submit" className="button button--primary button--block" disabled={busy} aria-busy={busy}>
        <ArchiveRestore size={16} aria-hidden="true" />
        {busy ? 'Restoring…' : 'Restore vault'}
      </button>
      <button type="button" className="button button--quiet button--block" onClick={onCancel}><Plus size={16} aria-hidden="true" />Create a new vault instead</button>
    </form>
  );
}
