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
      <PageHeader title="Settings" description="Locking, unlocking, key checks and backups. Every change is recorded in the audit log." />
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
