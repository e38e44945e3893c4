/** Settings: locking, passphrase, ways to unlock, vault-key rotation, and the scheduled key checks. */
import { PageHeader } from '../../components/PageHeader';
import { KeyChecksSection } from './KeyChecksSection';
import { LockSection } from './LockSection';
import { PassphraseSection } from './PassphraseSection';
import { ProtectorsSection } from './ProtectorsSection';
import { RotateKeySection } from './RotateKeySection';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="How your vault is locked and unlocked, and how often your keys are checked. Every change here is recorded in the audit log." />
      <div className="settings">
        <LockSection />
        <PassphraseSection />
        <ProtectorsSection />
        <RotateKeySection />
        <KeyChecksSection />
      </div>
    </>
  );
}
