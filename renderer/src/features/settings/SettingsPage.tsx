/** Vault settings: locking, passphrase, ways to unlock, vault-key rotation. */
import { PageHeader } from '../../components/PageHeader';
import { LockSection } from './LockSection';
import { PassphraseSection } from './PassphraseSection';
import { ProtectorsSection } from './ProtectorsSection';
import { RotateKeySection } from './RotateKeySection';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="How your vault is locked and unlocked. Every change here is recorded in the audit log." />
      <div className="settings">
        <LockSection />
        <PassphraseSection />
        <ProtectorsSection />
        <RotateKeySection />
      </div>
    </>
  );
}
