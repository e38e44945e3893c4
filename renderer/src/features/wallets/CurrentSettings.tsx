/**
 * What a wallet or a Polymarket account is set up with now, above the controls that change it: the
 * network, the tokens, whether an RPC URL is set (never the URL: it often carries an API key), the
 * funder and its signature type. Read fresh when the key's record changes (a save, a check).
 */
import { useEffect, useState } from 'react';
import type { CredentialInfo } from '../../api/contract-types';
import { evmChainLabel } from '../../../../electron/shared/wallet-networks';
import { loadWalletSettings, type WalletSettingsView } from './wallet-channels';

const signatureTypes: Readonly<Record<string, string>> = {
  '0': 'the signing wallet itself (type 0)',
  '1': 'its Polymarket proxy, email login (type 1)',
  '2': 'its Gnosis Safe, browser wallet (type 2)',
  '3': 'its deposit wallet (type 3)',
};

export function CurrentSettings({ credential, show }: { readonly credential: CredentialInfo; readonly show: 'network' | 'funder' }) {
  const [settings, setSettings] = useState<WalletSettingsView | null>(null);
  useEffect(() => {
    let current = true;
    void loadWalletSettings(credential.id).then((result) => {
      if (current && result.ok) setSettings(result.value);
    });
    return () => {
      current = false;
    };
  }, [credential.id, credential.updatedAt]);
  if (settings === null) return null;
  const rows: [string, string][] = show === 'funder'
    ? [
        ['Funder now', settings.funderAddress ?? settings.address],
        ['Signs as', signatureTypes[settings.signatureType ?? '0'] ?? `type ${settings.signatureType}`],
        ['CLOB credentials', settings.typedCredentials ? 'typed in' : 'derived from the key'],
      ]
    : [
        ['Network now', settings.chainId !== null ? evmChainLabel(Number(settings.chainId)) : settings.cluster !== null ? `Solana ${settings.cluster}` : 'not set'],
        ['RPC URL', settings.rpcUrlSet ? 'set (kept sealed; not shown)' : 'not set'],
        ['Tokens listed', settings.tokens.length === 0 ? 'none' : settings.tokens.join(', ')],
        ...(settings.derivationPath !== null ? [['Derivation path', settings.derivationPath] as [string, string]] : []),
      ];
  return (
    <dl className="facts" aria-label="Current settings">
      {rows.map(([name, value]) => (
        <div className="facts__row" key={name}>
          <dt>{name}</dt>
          <dd className={name === 'Funder now' || name === 'Tokens listed' || name === 'Derivation path' ? 'mono' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
