/** The ways the vault can be unlocked: add the OS keychain, or remove one (never the last). */
import { Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { ProtectorKind } from '../../api/contract-types';
import { formatDate } from '../../format/dates';
import { osKeychainAvailability } from '../vault/os-keychain-availability';
import { useAppStores, useVault } from '../../stores/store-hooks';
import { RemoveProtectorDialog } from './RemoveProtectorDialog';
import { SettingsSection } from './SettingsSection';

export function ProtectorsSection() {
  const status = useVault((state) => state.status);
  const addOsKeychain = useVault((state) => state.addOsKeychain);
  const toasts = useAppStores().toasts;
  const [removing, setRemoving] = useState<ProtectorKind | null>(null);
  const [busy, setBusy] = useState(false);
  if (status === null) return null;

  const keychain = osKeychainAvailability(status);
  const hasKeychain = status.protectors.some((protector) => protector.kind === 'os-keychain');
  const onlyOne = status.protectors.length === 1;

  async function add() {
    setBusy(true);
    const result = await addOsKeychain();
    setBusy(false);
    toasts.getState().show(result.ok ? 'success' : 'error', result.ok ? 'The OS keychain can now unlock the vault too.' : result.error.message);
  }

  return (
    <SettingsSection title="Ways to unlock" description="Each one opens the same vault. Keep at least one you can use on another computer (a passphrase) if you rely on backups.">
      <ul className="protector-list">
        {status.protectors.map((protector) => (
          <li key={protector.kind} className="protector">
            <div className="protector__text">
              <span className="protector__name">{protector.kind === 'passphrase' ? 'Passphrase' : 'OS keychain'}</span>
              <span className="protector__detail">{protector.kind === 'passphrase' ? 'Asked for when you unlock' : protector.description} · added {formatDate(protector.createdAt)}</span>
            </div>
            {onlyOne ? null : (
              <button type="button" className="button button--danger-quiet button--small" onClick={() => setRemoving(protector.kind)}>
                <Trash2 size={14} aria-hidden="true" />Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {onlyOne ? <p className="muted small">This is the only way to unlock the vault, so it cannot be removed. Add another first.</p> : null}
      {!hasKeychain && keychain.usable ? (
        <div className="settings-row">
          <p className="settings-row__text">Also unlock with {keychain.description}.</p>
          <button type="button" className="button button--secondary" disabled={busy} aria-busy={busy} onClick={() => void add()}><Plus size={16} aria-hidden="true" />Add OS keychain</button>
        </div>
      ) : null}
      {!hasKeychain && !keychain.usable ? <p className="muted small">{keychain.reason}</p> : null}
      {removing ? <RemoveProtectorDialog kind={removing} onClose={() => setRemoving(null)} /> : null}
    </SettingsSection>
  );
}
