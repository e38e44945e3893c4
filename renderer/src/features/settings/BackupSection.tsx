/**
 * Backup and restore: write every key and setting to one file encrypted under a passphrase chosen
 * for the backup, restore such a file (checked first, nothing overwritten), and import keys from a
 * .env file. Files are chosen only in the system's file dialog (Choose…): the window names a file by
 * the one-time handle the dialog's answer carries, never by a path (issue 14). Writing a backup also
 * asks for the vault passphrase: copying out every key is a deliberate act.
 */
import { ArchiveRestore, DatabaseBackup, FolderOpen, ListChecks, Upload, type LucideIcon } from 'lucide-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { SecretInput } from '../../components/SecretInput';
import type { ActionResult } from '../../api/contract-types';
import type { ExposureSetting, FileChoice, FileChoicePurpose, ImportReport } from '../../stores/backup-store';
import { useAppStores, useBackup } from '../../stores/store-hooks';
import { NewPassphraseFields, readNewPassphrase } from '../vault/NewPassphraseFields';
import { ImportReportView } from './ImportReportView';
import { SettingsSection } from './SettingsSection';

const FILE_HINT = 'Choose the file in the system dialog.';
/** Errors that are about the file named, shown under it. */
export const FILE_ERRORS = new Set(['BACKUP_EXISTS', 'FILE_UNREADABLE', 'FILE_UNWRITABLE', 'BACKUP_INVALID', 'BACKUP_DAMAGED', 'BACKUP_TOO_NEW', 'ENV_FILE_INVALID', 'FILE_HANDLE_INVALID']);
/** Errors about the vault passphrase typed to confirm an export. */
const VAULT_PASSPHRASE_ERRORS = new Set(['WRONG_PASSPHRASE', 'UNLOCK_THROTTLED', 'PASSPHRASE_REQUIRED']);

/** A file chosen in the dialog: its path to show, its handle to send. */
export type Chosen = { readonly file: string; readonly fileHandle: string; readonly replaceConfirmed: boolean };

export function BackupSection() {
  return (
    <SettingsSection
      title="Backup and restore"
      description="Every key and your settings, encrypted under a passphrase you choose. Keep it off this computer: it is how you get your keys back if this computer or its keychain is lost."
      wide
    >
      {/* Writing out beside reading in, where the panel is wide enough: three short forms, not one long column. */}
      <div className="backup-forms">
        <ExportForm />
        <div className="backup-forms__in">
          <RestoreForm />
          <EnvImportForm />
        </div>
      </div>
    </SettingsSection>
  );
}

function ExportForm() {
  const exportBackup = useBackup((state) => state.exportBackup);
  const toasts = useAppStores().toasts;
  const [generation, setGeneration] = useState(0);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [vaultPassphraseError, setVaultPassphraseError] = useState<string | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFileError(null);
    setVaultPassphraseError(null);
    setPassphraseError(null);
    setConfirmError(null);
    setFormError(null);
    const data = new FormData(event.currentTarget);
    if (!chosen) return setFileError('Choose where to write the backup.');
    const vaultPassphrase = String(data.get('exportVaultPassphrase') ?? '');
    if (vaultPassphrase === '') return setVaultPassphraseError('Enter your vault passphrase to confirm writing out every key.');
    const entered = readNewPassphrase(data);
    if (entered.problem === 'missing') return setPassphraseError('Choose a passphrase for the backup.');
    if (entered.problem === 'mismatch') return setConfirmError('The two passphrases are different. Type the same one twice.');
    setBusy(true);
    const result = await exportBackup({ fileHandle: chosen.fileHandle, vaultPassphrase, passphrase: entered.passphrase });
    setBusy(false);
    if (result.ok) {
      setGeneration((value) => value + 1);
      setChosen(null);
      const { credentials, file: written } = result.value;
      toasts.getState().show('success', `Backup written: ${credentials} key${credentials === 1 ? '' : 's'} to ${written}.`);
    } else if (FILE_ERRORS.has(result.error.code)) {
      setFileError(result.error.message);
    } else if (VAULT_PASSPHRASE_ERRORS.has(result.error.code)) {
      setVaultPassphraseError(result.error.message);
    } else if (result.error.code === 'WEAK_PASSPHRASE') {
      setPassphraseError(result.error.message);
    } else {
      setFormError(result.error.message);
    }
  }

  return (
    <form key={generation} className="stack stack--narrow" aria-label="Write a backup" onSubmit={submit} noValidate>
      <h3 className="settings-section__subtitle">Write a backup</h3>
      <FileField label="Backup file" purpose="backup-export" chosen={chosen} error={fileError} onError={setFileError} onChosen={(choice) => { setFileError(null); setChosen(choice); }} />
      {chosen?.replaceConfirmed ? <p className="small">This replaces the existing file (you agreed in the dialog).</p> : null}
      <SecretInput name="exportVaultPassphrase" label="Vault passphrase" hint="The one you unlock Keywarden with: writing out every key needs it." error={vaultPassphraseError} onValueChange={() => setVaultPassphraseError(null)} />
      <NewPassphraseFields label="Backup passphrase" passphraseError={passphraseError} confirmError={confirmError} onEdit={() => { setPassphraseError(null); setConfirmError(null); }} />
      <FormError message={formError} />
      <div>
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}><DatabaseBackup size={16} aria-hidden="true" />{busy ? 'Writing…' : 'Write backup'}</button>
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
      run={(fileHandle, passphrase, dryRun, applySettings) => importBackup({ fileHandle, passphrase, dryRun, applySettings: [...applySettings] })}
      doneLabel="Restore"
      doneIcon={ArchiveRestore}
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
      run={(fileHandle, _passphrase, dryRun) => importEnv({ fileHandle, dryRun })}
      doneLabel="Import"
      doneIcon={Upload}
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
  readonly run: (fileHandle: string, passphrase: string, dryRun: boolean, applySettings: readonly ExposureSetting[]) => Promise<ActionResult<ImportReport>>;
  readonly doneLabel: string;
  readonly doneIcon: LucideIcon;
  readonly note?: ReactNode;
}

/**
 * Check first (a dry run that changes nothing), then import; the report says what each key became.
 * Listener settings the backup would widen are applied only when ticked in the report.
 */
function ImportForm({ title, fileLabel, fileField, purpose, withPassphrase, run, doneLabel, doneIcon: DoneIcon, note }: ImportFormProps) {
  const passphraseField = `${fileField}Passphrase`;
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [applySettings, setApplySettings] = useState<readonly ExposureSetting[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const dryRun = submitter?.getAttribute('value') === 'check';
    setFileError(null);
    setPassphraseError(null);
    setFormError(null);
    const data = new FormData(event.currentTarget);
    const passphrase = String(data.get(passphraseField) ?? '');
    if (!chosen) return setFileError('Choose the file to read.');
    if (withPassphrase && passphrase === '') return setPassphraseError('Enter the passphrase chosen for this backup.');
    setBusy(true);
    const result = await run(chosen.fileHandle, passphrase, dryRun, applySettings);
    setBusy(false);
    if (result.ok) {
      setReport(result.value);
      // The import spent the file's handle: another import starts with choosing the file again.
      if (!result.value.dryRun) {
        setChosen(null);
        setApplySettings([]);
      }
    } else {
      setReport(null);
      if (result.error.code === 'BACKUP_WRONG_PASSPHRASE') setPassphraseError(result.error.message);
      else if (FILE_ERRORS.has(result.error.code)) setFileError(result.error.message);
      else setFormError(result.error.message);
    }
  }

  const toggle = (setting: ExposureSetting, on: boolean) => setApplySettings((current) => (on ? [...current.filter((s) => s !== setting), setting] : current.filter((s) => s !== setting)));

  return (
    <form className="stack stack--narrow" aria-label={title} onSubmit={submit} noValidate>
      <h3 className="settings-section__subtitle">{title}</h3>
      {note ? <p className="settings-row__text">{note}</p> : null}
      <FileField label={fileLabel} purpose={purpose} chosen={chosen} error={fileError} onError={setFileError} onChosen={(choice) => { setFileError(null); setReport(null); setApplySettings([]); setChosen(choice); }} />
      {withPassphrase ? <SecretInput name={passphraseField} label="Backup passphrase" error={passphraseError} onValueChange={() => setPassphraseError(null)} /> : null}
      <FormError message={formError} />
      <div className="button-row">
        <button type="submit" value="check" className="button button--secondary" disabled={busy} aria-busy={busy}><ListChecks size={16} aria-hidden="true" />Check first</button>
        <button type="submit" value="run" className="button button--primary" disabled={busy} aria-busy={busy}><DoneIcon size={16} aria-hidden="true" />{doneLabel}</button>
      </div>
      {report ? <ImportReportView report={report} chosenSettings={report.dryRun ? applySettings : undefined} onChooseSetting={report.dryRun ? toggle : undefined} /> : null}
    </form>
  );
}

interface FileFieldProps {
  readonly label: string;
  readonly purpose: FileChoicePurpose;
  readonly chosen: Chosen | null;
  readonly error: string | null;
  /** The file dialog could not be shown: the message goes where the field's errors go. */
  readonly onError: (message: string) => void;
  readonly onChosen: (choice: Chosen) => void;
}

/** The chosen file's path (read-only: only the dialog names a file) and a Choose… button that opens the system's file dialog. */
export function FileField({ label, purpose, chosen, error, onError, onChosen }: FileFieldProps) {
  const chooseFile = useBackup((state) => state.chooseFile);
  const [choosing, setChoosing] = useState(false);

  async function choose() {
    setChoosing(true);
    const result = await chooseFile({ purpose });
    setChoosing(false);
    if (!result.ok) return onError(result.error.message);
    // Closed without choosing: the field keeps what it had.
    const choice: FileChoice = result.value;
    if (choice.file === null || choice.fileHandle === null) return;
    onChosen({ file: choice.file, fileHandle: choice.fileHandle, replaceConfirmed: choice.replaceConfirmed });
  }

  return (
    <Field label={label} hint={FILE_HINT} error={error}>
      {(control) => (
        <div className="file-field">
          <input {...control} className="input" type="text" readOnly value={chosen?.file ?? ''} placeholder="No file chosen" />
          <button type="button" className="button button--secondary" disabled={choosing} aria-busy={choosing} onClick={() => void choose()}><FolderOpen size={16} aria-hidden="true" />Choose…</button>
        </div>
      )}
    </Field>
  );
}
