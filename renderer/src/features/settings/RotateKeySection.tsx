/**
 * Vault-key rotation: a new vault key, every secret re-encrypted under it in one transaction. The
 * core asks for the passphrase again, because the new key must be wrapped with it.
 */
import { RotateCw } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/FormError';
import { SecretInput } from '../../components/SecretInput';
import { useAppStores, useVault } from '../../stores/store-hooks';
import { SettingsSection } from './SettingsSection';

const PASSPHRASE_FIELD = 'rotatePassphrase';

export function RotateKeySection() {
  const keyVersion = useVault((state) => state.status?.keyVersion ?? null);
  const hasPassphrase = useVault((state) => state.status?.protectors.some((protector) => protector.kind === 'passphrase') ?? false);
  const rotateKey = useVault((state) => state.rotateKey);
  const toasts = useAppStores().toasts;
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPassphraseError(null);
    setFormError(null);
    const passphrase = String(new FormData(form).get(PASSPHRASE_FIELD) ?? '');
    if (hasPassphrase && passphrase === '') return setPassphraseError('Enter your passphrase to confirm.');
    setBusy(true);
    const result = await rotateKey(hasPassphrase ? { passphrase } : {});
    setBusy(false);
    form.reset();
    if (result.ok) {
      const { keyVersion: version, reencrypted } = result.value;
      toasts.getState().show('success', `Vault key rotated (${rotationsCount(version)}): ${reencrypted} secret${reencrypted === 1 ? '' : 's'} re-encrypted with the new key.`);
    } else if (result.error.code === 'WRONG_PASSPHRASE' || result.error.code === 'UNLOCK_THROTTLED' || result.error.code === 'PASSPHRASE_REQUIRED') {
      setPassphraseError(result.error.message);
    } else {
      setFormError(result.error.message);
    }
  }

  return (
    <SettingsSection
      title="Vault key"
      description="Makes a new vault key and re-encrypts every secret with it in one step; if anything interrupts it, the old key stays. Do it if a copy of the vault and its passphrase may have leaked."
    >
      <p className="settings-row__text">{rotationsSentence(keyVersion)}</p>
      <form className="inline-form" onSubmit={submit} noValidate>
        {hasPassphrase ? <SecretInput name={PASSPHRASE_FIELD} label="Passphrase" error={passphraseError} onValueChange={() => setPassphraseError(null)} /> : null}
        <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}><RotateCw size={16} aria-hidden="true" />{busy ? 'Rotating…' : 'Rotate vault key'}</button>
      </form>
      <FormError message={formError} />
    </SettingsSection>
  );
}

/** The vault key's version in plain words: version 1 is the key the vault was created with. */
function rotationsCount(keyVersion: number): string {
  const rotations = keyVersion - 1;
  return rotations === 1 ? 'once so far' : `${rotations} times so far`;
}

function rotationsSentence(keyVersion: number | null): string {
  if (keyVersion === null) return '';
  return keyVersion <= 1 ? 'Not rotated since the vault was created.' : `Rotated ${rotationsCount(keyVersion)}.`;
}
