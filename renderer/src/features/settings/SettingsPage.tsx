/** Settings: locking, passphrase, ways to unlock, vault-key rotation, the scheduled key checks, backup and restore. */
import { PageHeader } from '../../components/PageHeader';
import { BackupSection } from './BackupSection';
import { KeyChecksSection } from './KeyChecksSection';
import { LockSection } from './LockSection';
import { PassphraseSection } from './PassphraseSection';
import { ProtectorsSection } from './ProtectorsSection';
import { RotateKeySection } from './RotateKeySection';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="How your vault is locked and unlocked, how often your keys are checked, and your backups. Every change here is recorded in the audit log." />
      <div className="settings">
        <LockSection />
        <PassphraseSection />
        <ProtectorsSection />
        <RotateKeySection />
        <KeyChecksSection />
        <BackupSection />
      </div>
    </>
  );
}
