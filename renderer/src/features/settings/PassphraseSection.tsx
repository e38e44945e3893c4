/** Change the passphrase (asks the current one), or add one to a vault protected only by the OS keychain. */
import { KeyRound } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/FormError';
import { SecretInput } from '../../components/SecretInput';
import { NewPassphraseFields, readNewPassphrase } from '../vault/NewPassphraseFields';
import { useAppStores, useVault } from '../../stores/store-hooks';
import { SettingsSection } from './SettingsSection';

const CURRENT_FIELD = 'currentPassphrase';

/** Errors about the current passphrase; everything else about the new one goes elsewhere. */
const CURRENT_PASSPHRASE_ERRORS = new Set(['WRONG_PASSPHRASE', 'UNLOCK_THROTTLED', 'PASSPHRASE_REQUIRED']);

export function PassphraseSection() {
  const hasPassphrase = useVault((state) => state.status?.protectors.some((protector) => protector.kind === 'passphrase') ?? false);
  const changePassphrase = useVault((state) => state.changePassphrase);
  const toasts = useAppStores().toasts;
  // Bumped after a success: remounting the form empties every field and the strength meter.
  const [generation, setGeneration] = useState(0);
  const [currentError, setCurrentError] = useState<string | null>(null);
  const [nextError, setNextError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clearErrors = () => {
    setCurrentError(null);
    setNextError(null);
    setConfirmError(null);
    setFormError(null);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clearErrors();
    const data = new FormData(event.currentTarget);
    const current = String(data.get(CURRENT_FIELD) ?? '');
    if (hasPassphrase && current === '') return setCurrentError('Enter your current passphrase.');
    const entered = readNewPassphrase(data);
    if (entered.problem === 'missing') return setNextError('Enter a new passphrase.');
    if (entered.problem === 'mismatch') return setConfirmError('The two passphrases are different. Type the same one twice.');
    setBusy(true);
    const result = await changePassphrase({ ...(hasPassphrase ? { current } : {}), next: entered.passphrase });
    setBusy(false);
    if (result.ok) {
      setGeneration((value) => value + 1);
      toasts.getState().show('success', hasPassphrase ? 'Passphrase changed. Use the new one from now on.' : 'Passphrase added. You can now unlock with it too.');
    } else if (CURRENT_PASSPHRASE_ERRORS.has(result.error.code)) {
      setCurrentError(result.error.message);
    } else if (result.error.code === 'WEAK_PASSPHRASE') {
      setNextError(result.error.message);
    } else {
      setFormError(result.error.message);
    }
  }

  return (
    <SettingsSection
      title={hasPassphrase ? 'Passphrase' : 'Add a passphrase'}
      description={hasPassphrase
        ? 'Your keys are not re-encrypted; only the way the vault key is locked changes. If you forget the new passphrase, the keys cannot be recovered.'
        : 'With a passphrase the vault also opens on another computer, from a backup. If you forget it, it cannot be recovered.'}
    >
      <form key={generation} className="stack stack--narrow" onSubmit={submit} noValidate>
        {hasPassphrase ? <SecretInput name={CURRENT_FIELD} label="Current passphrase" error={currentError} onValueChange={() => setCurrentError(null)} /> : null}
        <NewPassphraseFields label="New passphrase" passphraseError={nextError} confirmError={confirmError} onEdit={() => { setNextError(null); setConfirmError(null); }} />
        <FormError message={formError} />
        <div>
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
            <KeyRound size={16} aria-hidden="true" />
            {busy ? 'Saving…' : hasPassphrase ? 'Change passphrase' : 'Add passphrase'}
          </button>
        </div>
      </form>
    </SettingsSection>
  );
}
