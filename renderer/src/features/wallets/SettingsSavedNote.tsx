/**
 * After a wallet's or a Polymarket account's settings are saved: what changed, in words (never a
 * value: an RPC URL is secret), that the key is unverified until it is checked with them, and
 * "Verify now". Shared by the wallet's Settings and the Polymarket account's Funder section.
 */
import { RefreshCw } from 'lucide-react';
import type { CredentialFieldName } from '../../api/contract-types';
import { fieldLabels } from '../../../../electron/shared/credential-field-labels';
import { useAppStores, useCredentials } from '../../stores/store-hooks';

/** The settings sent, each named and marked when it was removed ("RPC URL", "token contracts removed"). */
export type SavedSettings = Readonly<Partial<Record<CredentialFieldName, string>>>;

export function describeSavedSettings(saved: SavedSettings): string {
  const text = Object.entries(saved)
    .map(([name, value]) => `${fieldLabels[name as CredentialFieldName]} ${value === '' ? 'removed' : 'changed'}`)
    .join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface SettingsSavedNoteProps {
  readonly credentialId: string;
  readonly saved: SavedSettings;
  /** What the check does with the new settings ("reads the balances from the new node"). */
  readonly checkDoes: string;
  readonly onVerified: () => void;
}

export function SettingsSavedNote({ credentialId, saved, checkDoes, onVerified }: SettingsSavedNoteProps) {
  const { credentials, toasts } = useAppStores();
  const checking = useCredentials((state) => state.checking[credentialId] === true);

  async function verifyNow() {
    const result = await credentials.getState().verify(credentialId);
    if (!result.ok) return toasts.getState().show('error', result.error.message);
    onVerified();
  }

  return (
    <div className="callout callout--success settings-saved" role="status">
      <div>
        <p className="callout__title">Settings saved: {describeSavedSettings(saved)}.</p>
        <p>It reads “Not checked yet” until it is checked with them. Verify now {checkDoes}.</p>
      </div>
      <button type="button" className="button button--primary button--small" onClick={() => void verifyNow()} disabled={checking} aria-busy={checking}>
        <RefreshCw size={14} aria-hidden="true" />{checking ? 'Checking…' : 'Verify now'}
      </button>
    </div>
  );
}
