/**
 * Backup and restore: write every key and setting to one file encrypted under a passphrase chosen
 * for the backup, restore such a file (checked first, nothing overwritten), and import keys from a
 * .env file. Files are chosen in the system's file dialog (Choose…) or typed as a full path.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { SecretInput } from '../../components/SecretInput';
import type { ActionResult } from '../../api/contract-types';
import type { FileChoice, FileChoicePurpose, ImportReport } from '../../stores/backup-store';
import { useAppStores, useBackup } from '../../stores/store-hooks';
import { NewPassphraseFields, readNewPassphrase } from '../vault/NewPassphraseFields';
import { ImportReportView } from './ImportReportView';
import { SettingsSection } from './SettingsSection';

const FILE_HINT = 'Choose the file, or type its full path on this computer.';
/** Errors that are about the file named, shown under it. */
const FILE_ERRORS = new Set(['BACKUP_EXISTS', 'FILE_UNREADABLE', 'FILE_UNWRITABLE', 'BACKUP_INVALID', 'BACKUP_DAMAGED', 'BACKUP_TOO_NEW', 'ENV_FILE_INVALID']);

export function BackupSection() {
  return (
    <SettingsSection
      title="Backup and restore"
      description="A backup holds every key and your settings, encrypted under a passphrase you choose for it. Keep it somewhere other than this computer: it is how you get your keys back if this computer or its keychain is lost."
    >
      <ExportForm />
      <RestoreForm />
      <EnvImportForm />
    </SettingsSection>
  );
}

function ExportForm() {
  const exportBackup = useBackup((state) => state.exportBackup);
  const toasts = useAppStores().toasts;
  const [generation, setGeneration] = useState(0);
  const [fileError, setFileError] = useState<string | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const overwrite = useRef<HTMLInputElement>(null);
  /** Ticked for a file the save dialog agreed to replace; another file (typed or chosen) unticks it. */
  const replaceTickedByDialog = useRef(false);

  function fileEdited() {
    setFileError(null);
    if (replaceTickedByDialog.current && overwrite.current) overwrite.current.checked = false;
    replaceTickedByDialog.current = false;
  }

  // The system's save dialog already asked whether to replace an existing file.
  function chosen(choice: FileChoice) {
    if (!choice.replaceConfirmed || !overwrite.current || overwrite.current.checked) return;
    overwrite.current.checked = true;
    replaceTickedByDialog.current = true;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFileError(null);
    setPassphraseError(null);
    setConfirmError(null);
    setFormError(null);
    const data = new FormData(event.currentTarget);
    const file = String(data.get('exportFile') ?? '').trim();
    if (file === '') return setFileError('Enter where to write the backup.');
    const entered = readNewPassphrase(data);
    if (entered.problem === 'missing') return setPassphraseError('Choose a passphrase for the backup.');
    if (entered.problem === 'mismatch') return setConfirmError('The two passphrases are different. Type the same one twice.');
    setBusy(true);
    const result = await exportBackup({ file, passphrase: entered.passphrase, overwrite: data.get('overwrite') === 'on' });
    setBusy(false);
    if (result.ok) {
      setGeneration((value) => value + 1);
      const { credentials, file: written } = result.value;
      toasts.getState().show('success', `Backup written: ${credentials} key${credentials === 1 ? '' : 's'} to ${written}.`);
    } else if (FILE_ERRORS.has(result.error.code)) {
      setFileError(result.error.message);
    } else if (result.error.code === 'WEAK_PASSPHRASE') {
      setPassphraseError(result.error.message);
    } else {
      setFormError(result.error.message);
    }
  }

  return (
    <form key={generation} className="stack stack--narrow" aria-label="Write a backup" onSubmit={submit} noValidate>
      <h3 className="settings-section__subtitle">Write a backup</h3>
      <FileField name="exportFile" label="Backup file" purpose="backup-export" error={fileError} onError={setFileError} onEdit={fileEdited} onChosen={chosen} />
      <NewPassphraseFields label="Backup passphrase" passphraseError={passphraseError} confirmError={confirmError} onEdit={() => { setPassphraseError(null); setConfirmError(null); }} />
      <label className="checkbox">
        <input ref={overwrite} type="checkbox" name="overwrite" />
        Replace the file if it exists
      </label>
      <FormError message={formError} />
      <div>
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>{busy ? 'Writing…' : 'Write backup'}</button>
      </div>
    </form>
  );
}

function RestoreForm() {
  const importBackup = useBackup((state) => state.importBackup);
  return (
    <ImportForm
      title="Restore a backup"
      fileLabel="Backup file"
      fileField="restoreFile"
      purpose="backup-import"
      withPassphrase
      run={(file, passphrase, dryRun) => importBackup({ file, passphrase, dryRun })}
      doneLabel="Restore"
    />
  );
}

function EnvImportForm() {
  const importEnv = useBackup((state) => state.importEnv);
  return (
    <ImportForm
      title="Import keys from a .env file"
      fileLabel=".env file"
      fileField="envFile"
      purpose="env-import"
      withPassphrase={false}
      run={(file, _passphrase, dryRun) => importEnv({ file, dryRun })}
      doneLabel="Import"
      note="Reads BINANCE_API_KEY, BINANCE_API_SECRET, BYBIT_API_KEY, … Delete the file once its keys are in the vault: it holds them in plain text."
    />
  );
}

interface ImportFormProps {
  readonly title: string;
  readonly fileLabel: string;
  readonly fileField: string;
  readonly purpose: FileChoicePurpose;
  readonly withPassphrase: boolean;
  readonly run: (file: string, passphrase: string, dryRun: boolean) => Promise<ActionResult<ImportReport>>;
  readonly doneLabel: string;
  readonly note?: ReactNode;
}

/** Check first (a dry run that changes nothing), then import; the report says what each key became. */
function ImportForm({ title, fileLabel, fileField, purpose, withPassphrase, run, doneLabel, note }: ImportFormProps) {
  const passphraseField = `${fileField}Passphrase`;
  const [fileError, setFileError] = useState<string | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const dryRun = submitter?.getAttribute('value') === 'check';
    setFileError(null);
    setPassphraseError(null);
    setFormError(null);
    const data = new FormData(event.currentTarget);
    const file = String(data.get(fileField) ?? '').trim();
    const passphrase = String(data.get(passphraseField) ?? '');
    if (file === '') return setFileError('Enter the file to read.');
    if (withPassphrase && passphrase === '') return setPassphraseError('Enter the passphrase chosen for this backup.');
    setBusy(true);
    const result = await run(file, passphrase, dryRun);
    setBusy(false);
    if (result.ok) {
      setReport(result.value);
    } else {
      setReport(null);
      if (result.error.code === 'BACKUP_WRONG_PASSPHRASE') setPassphraseError(result.error.message);
      else if (FILE_ERRORS.has(result.error.code)) setFileError(result.error.message);
      else setFormError(result.error.message);
    }
  }

  return (
    <form className="stack stack--narrow" aria-label={title} onSubmit={submit} noValidate>
      <h3 className="settings-section__subtitle">{title}</h3>
      {note ? <p className="settings-row__text">{note}</p> : null}
      <FileField name={fileField} label={fileLabel} purpose={purpose} error={fileError} onError={setFileError} onEdit={() => { setFileError(null); setReport(null); }} />
      {withPassphrase ? <SecretInput name={passphraseField} label="Backup passphrase" error={passphraseError} onValueChange={() => setPassphraseError(null)} /> : null}
      <FormError message={formError} />
      <div className="button-row">
        <button type="submit" value="check" className="button button--secondary" disabled={busy} aria-busy={busy}>Check first</button>
        <button type="submit" value="run" className="button button--primary" disabled={busy} aria-busy={busy}>{doneLabel}</button>
      </div>
      {report ? <ImportReportView report={report} /> : null}
    </form>
  );
}

interface FileFieldProps {
  readonly name: string;
  readonly label: string;
  readonly purpose: FileChoicePurpose;
  readonly error: string | null;
  /** The file dialog could not be shown: the message goes where the field's errors go. */
  readonly onError: (message: string) => void;
  /** The path changed (typed or chosen). */
  readonly onEdit: () => void;
  readonly onChosen?: (choice: FileChoice) => void;
}

/** A path field with a Choose… button that opens the system's file dialog and fills the field in. */
function FileField({ name, label, purpose, error, onError, onEdit, onChosen }: FileFieldProps) {
  const chooseFile = useBackup((state) => state.chooseFile);
  const input = useRef<HTMLInputElement>(null);
  const [choosing, setChoosing] = useState(false);

  async function choose() {
    setChoosing(true);
    const result = await chooseFile({ purpose });
    setChoosing(false);
    if (!result.ok) return onError(result.error.message);
    // Closed without choosing: the field keeps what it had.
    if (result.value.file === null || !input.current) return;
    input.current.value = result.value.file;
    // A long path shows its end, the file's name.
    input.current.scrollLeft = input.current.scrollWidth;
    onEdit();
    onChosen?.(result.value);
  }

  return (
    <Field label={label} hint={FILE_HINT} error={error}>
      {(control) => (
        <div className="file-field">
          <input {...control} ref={input} className="input" name={name} type="text" autoComplete="off" spellCheck={false} onChange={onEdit} />
          <button type="button" className="button button--secondary" disabled={choosing} aria-busy={choosing} onClick={() => void choose()}>Choose…</button>
        </div>
      )}
    </Field>
  );
}
