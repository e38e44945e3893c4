/**
 * Unlocking: with the passphrase and/or the OS keychain, whichever protect this vault. Shows why the
 * vault was locked, and the core's own message when an attempt is refused (wrong passphrase, too
 * many attempts).
 */
import { KeyRound, LockOpen } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { FormError } from '../../components/FormError';
import { SecretInput } from '../../components/SecretInput';
import type { VaultStatus } from '../../api/contract-types';
import { useVault } from '../../stores/store-hooks';
import { describeLockReason } from './lock-reason';
import { AlertsRefusedNotice } from './AlertsRefusedNotice';
import { WelcomeLayout } from './WelcomeLayout';

const PASSPHRASE_FIELD = 'passphrase';

export function UnlockScreen({ status }: { readonly status: VaultStatus }) {
  const unlock = useVault((state) => state.unlock);
  const lockReason = useVault((state) => state.lockReason);
  const passphraseInput = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [busy, setBusy] = useState<'passphrase' | 'os-keychain' | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [keychainError, setKeychainError] = useState<string | null>(null);

  const hasPassphrase = status.protectors.some((protector) => protector.kind === 'passphrase');
  const keychain = status.protectors.find((protector) => protector.kind === 'os-keychain');
  const reason = describeLockReason(lockReason, status.autoLockMinutes);

  async function unlockWithPassphrase(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const passphrase = String(new FormData(form).get(PASSPHRASE_FIELD) ?? '');
    setKeychainError(null);
    if (passphrase === '') {
      setPassphraseError('Enter your passphrase.');
      passphraseInput.current?.focus();
      return;
    }
    setPassphraseError(null);
    setBusy('passphrase');
    const result = await unlock({ method: 'passphrase', passphrase });
    setBusy(null);
    form.reset();
    if (!result.ok) {
      setPassphraseError(result.error.message);
      passphraseInput.current?.focus();
    }
  }

  async function unlockWithKeychain() {
    setPassphraseError(null);
    setKeychainError(null);
    setBusy('os-keychain');
    const result = await unlock({ method: 'os-keychain' });
    setBusy(null);
    if (!result.ok) setKeychainError(result.error.message);
  }

  return (
    <WelcomeLayout title="Unlock your vault" intro={<p>Your keys are encrypted. Unlock the vault to use them.</p>}>
      {reason ? (
        <div className="callout callout--info" role="status">
          {reason}
        </div>
      ) : null}
      <AlertsRefusedNotice />
      <div className="stack">
        {hasPassphrase ? (
          <form className="stack" onSubmit={unlockWithPassphrase} noValidate>
            <SecretInput ref={passphraseInput} name={PASSPHRASE_FIELD} label="Passphrase" autoFocus error={passphraseError} onValueChange={() => setPassphraseError(null)} />
            <button type="submit" className="button button--primary button--block" disabled={busy !== null} aria-busy={busy === 'passphrase'}>
              <LockOpen size={16} aria-hidden="true" />
              {busy === 'passphrase' ? 'Unlocking…' : 'Unlock'}
            </button>
          </form>
        ) : null}
        {hasPassphrase && keychain ? <div className="divider" role="separator"><span>or</span></div> : null}
        {keychain ? (
          <>
            <button
              type="button"
              className={hasPassphrase ? 'button button--secondary button--block' : 'button button--primary button--block'}
              disabled={busy !== null}
              aria-busy={busy === 'os-keychain'}
              onClick={() => void unlockWithKeychain()}
            >
              <KeyRound size={16} aria-hidden="true" />
              {busy === 'os-keychain' ? 'Unlocking…' : 'Unlock with the OS keychain'}
            </button>
            <p className="muted small">{keychain.description}</p>
            <FormError message={keychainError} />
          </>
        ) : null}
      </div>
    </WelcomeLayout>
  );
}
