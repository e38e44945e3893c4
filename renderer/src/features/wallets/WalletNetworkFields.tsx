/**
 * Where a new wallet is used: its network (a well-known EVM chain or a custom chain id; a Solana
 * cluster), the RPC node to read its balances from (masked: such URLs often carry an API key) and
 * the tokens whose balances to show. All optional: a wallet without a node is valid, its funds unknown.
 */
import { useState } from 'react';
import { Field } from '../../components/Field';
import { SecretInput } from '../../components/SecretInput';
import type { CredentialFieldName } from '../../api/contract-types';
import { CUSTOM_CHAIN, type WalletFieldErrors } from './wallet-form-reading';
import { solanaClusters, walletFieldHint, walletFieldLabel, wellKnownChains, type WalletProviderIdOfKind } from './wallet-presentation';

interface WalletNetworkFieldsProps {
  readonly provider: WalletProviderIdOfKind;
  readonly errors: WalletFieldErrors;
  readonly onEdit: (field: CredentialFieldName) => void;
}

export function WalletNetworkFields({ provider, errors, onEdit }: WalletNetworkFieldsProps) {
  const [chain, setChain] = useState('');
  const evm = provider === 'evm-wallet';
  return (
    <fieldset className="inset-box inset-box--roomy stack">
      <legend className="key-fields__legend">Network and balances</legend>
      {evm ? (
        <>
          <Field label="Network" hint={walletFieldHint(provider, 'chainId')} error={chain === CUSTOM_CHAIN ? undefined : errors['chainId']}>
            {(control) => (
              <select {...control} name="chainChoice" className="input" value={chain} onChange={(event) => { setChain(event.currentTarget.value); onEdit('chainId'); }}>
                <option value="">Not set</option>
                {wellKnownChains.map((entry) => <option key={entry.chainId} value={String(entry.chainId)}>{entry.name} ({entry.chainId})</option>)}
                <option value={CUSTOM_CHAIN}>Another chain (type its id)</option>
              </select>
            )}
          </Field>
          {chain === CUSTOM_CHAIN ? (
            <Field label="Chain ID" hint="The chain’s number, as listed on chainlist.org." error={errors['chainId']}>
              {(control) => <input {...control} name="customChainId" className="input input--mono input--narrow" type="text" inputMode="numeric" autoComplete="off" onChange={() => onEdit('chainId')} />}
            </Field>
          ) : null}
        </>
      ) : (
        <Field label="Cluster" hint={walletFieldHint(provider, 'cluster')} error={errors['cluster']}>
          {(control) => (
            <select {...control} name="cluster" className="input" defaultValue="" onChange={() => onEdit('cluster')}>
              <option value="">Not set</option>
              {solanaClusters.map((entry) => <option key={entry.value} value={entry.value}>{entry.name} ({entry.value})</option>)}
            </select>
          )}
        </Field>
      )}
      <SecretInput name="rpcUrl" label={walletFieldLabel(provider, 'rpcUrl')} hint={walletFieldHint(provider, 'rpcUrl')} error={errors['rpcUrl']} onValueChange={() => onEdit('rpcUrl')} />
      {evm ? (
        <SecretInput name="tokenContracts" reveal label={walletFieldLabel(provider, 'tokenContracts')} hint={walletFieldHint(provider, 'tokenContracts')} error={errors['tokenContracts']} onValueChange={() => onEdit('tokenContracts')} />
      ) : (
        <SecretInput name="tokenMints" reveal label={walletFieldLabel(provider, 'tokenMints')} hint={walletFieldHint(provider, 'tokenMints')} error={errors['tokenMints']} onValueChange={() => onEdit('tokenMints')} />
      )}
    </fieldset>
  );
}
