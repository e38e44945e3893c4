/**
 * Creating the vault: choose how it is unlocked (a passphrase, the OS keychain, or both) and set the
 * passphrase. Says plainly that a forgotten passphrase means the keys cannot be recovered. A person on
 * a new computer restores a backup instead (RestoreBackupForm), without creating an empty vault first.
 */
import { ArchiveRestore, Vault } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { startingLimitsSentence } from '../../../../electron/shared/starting-limits';
import { FormError } from '../../components/FormError';
import type { VaultStatus } from '../../api/contract-types';
import { useVault } from '../../stores/store-hooks';
import { NewPassphraseFields, readNewPassphrase } from './NewPassphraseFields';
import { osKeychainAvailability } from './os-keychain-availability';
import { RestoreBackupForm } from './RestoreBackupForm';
import { WelcomeLayout } from './WelcomeLayout';

export function FirstRunScreen({ status }: { readonly status: VaultStatus }) {
  const create = useVault((state) => state.create);
  const keychain = osKeychainAvailability(status);
  const [usePassphrase, setUsePassphrase] = useState(true);
  const [useKeychain, setUseKeychain] = useState(false);
  const [busy, setBusy] = useState(false);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);

  const clearErrors = () => {
    setPassphraseError(null);
    setConfirmError(null);
    setFormError(null);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    clearErrors();
    let passphrase: string | undefined;
    if (usePassphrase) {
      const entered = readNewPassphrase(new FormData(form));
      if (entered.problem === 'missing') return setPassphraseError('Enter a passphrase.');
      if (entered.problem === 'mismatch') return setConfirmError('The two passphrases are different. Type the same one twice.');
      passphrase = entered.passphrase;
    }
    if (!usePassphrase && !useKeychain) return setFormError('Choose at least one way to unlock the vault.');
    setBusy(true);
    const result = await create({ ...(passphrase !== undefined ? { passphrase } : {}), useOsKeychain: useKeychain });
    passphrase = undefined;
    setBusy(false);
    if (result.ok) {
      form.reset();
      return;
    }
    if (result.error.code === 'WEAK_PASSPHRASE') setPassphraseError(result.error.message);
    else setFormError(result.error.message);
  }

  if (restoring) {
    return (
      <WelcomeLayout title="Restore from a backup" intro={<p>Bring back your keys and settings from a Keywarden backup file, for example on a new computer.</p>}>
        <RestoreBackupForm onCancel={() => setRestoring(false)} />
      </WelcomeLayout>
    );
  }

  return (
    <WelcomeLayout
      title="Create your vault"
      intro={<p>Keywarden encrypts your exchange API keys on this computer. Choose how you will unlock them.</p>}
    >
      <form className="stack" onSubmit={submit} noValidate>
        <fieldset className="choice-group">
          <legend className="choice-group__legend">Unlock with</legend>
          <label className="choice">
            <input type="checkbox" checked={usePassphrase} onChange={(event) => { setUsePassphrase(event.currentTarget.checked); clearErrors(); }} />
            <span className="choice__text">
              <span className="choice__title">A passphrase <span className="choice__tag">recommended</span></span>
              <span className="choice__detail">Works on any computer, and is what opens a backup of the vault.</span>
            </span>
          </label>
          <label className={keychain.usable ? 'choice' : 'choice choice--disabled'}>
            <input type="checkbox" checked={useKeychain} disabled={!keychain.usable} onChange={(event) => { setUseKeychain(event.currentTarget.checked); clearErrors(); }} />
            <span className="choice__text">
              <span className="choice__title">The OS keychain</span>
              <span className="choice__detail">{keychain.usable ? `${keychain.description}: unlocks with your computer login.` : keychain.reason}</span>
            </span>
          </label>
        </fieldset>

        {!usePassphrase && useKeychain ? (
          <div className="callout callout--warning">
            Without a passphrase the vault opens only on this computer, for this user. A backup copy cannot be opened anywhere else.
          </div>
        ) : null}

        {usePassphrase ? (
          <>
            <NewPassphraseFields autoFocus passphraseError={passphraseError} confirmError={confirmError} onEdit={() => { setPassphraseError(null); setConfirmError(null); }} />
            <div className="callout callout--warning">
              <strong>Write it down somewhere safe.</strong> If you forget the passphrase, the keys in this vault cannot be recovered: there is no reset, by design.
            </div>
          </>
        ) : null}

        <p className="callout callout--info">{startingLimitsSentence()}</p>

        <FormError message={formError} />
        <button type="submit" className="button button--primary button--block" disabled={busy} aria-busy={busy}>
          <Vault size={16} aria-hidden="true" />
          {busy ? 'Creating the vault…' : 'Create vault'}
        </button>
      </form>
      <div className="welcome__alternative">
        <p>Moving from another computer?</p>
        <button type="button" className="button button--secondary button--block" onClick={() => setRestoring(true)}><ArchiveRestore size={16} aria-hidden="true" />Restore from a backup</button>
      </div>
    </WelcomeLayout>
  );
}
