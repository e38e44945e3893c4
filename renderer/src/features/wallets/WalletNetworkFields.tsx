/**
 * Where a wallet is used: its network (a well-known EVM chain or a custom chain id; a Solana
 * cluster), the RPC node to read its balances from (masked: such URLs often carry an API key) and
 * the tokens whose balances to show. All optional: a wallet without a node is valid, its funds unknown.
 *
 * The add form shows them empty. A wallet's Settings (`current`: the settings it has now) shows the
 * same controls to change them: the network select starts on "Keep the current network", a setting
 * that is there says so without its value (an RPC URL is never shown again), its field replaces it
 * and a "Remove" action takes it away (a hidden input the form reads, wallet-form-reading.ts).
 */
import { useState, type ReactNode } from 'react';
import { Field } from '../../components/Field';
import { SecretInput } from '../../components/SecretInput';
import type { CredentialFieldName } from '../../api/contract-types';
import { CUSTOM_CHAIN, KEEP_SETTING, removalName, type WalletFieldErrors } from './wallet-form-reading';
import { solanaClusters, walletFieldHint, walletFieldLabel, wellKnownChains, type WalletProviderIdOfKind } from './wallet-presentation';

interface WalletNetworkFieldsProps {
  readonly provider: WalletProviderIdOfKind;
  readonly errors: WalletFieldErrors;
  readonly onEdit: (field: CredentialFieldName) => void;
  /** On a wallet's Settings: the settings it has now (CredentialInfo.fields). Absent on the add form. */
  readonly current?: readonly CredentialFieldName[];
}

export function WalletNetworkFields({ provider, errors, onEdit, current }: WalletNetworkFieldsProps) {
  const evm = provider === 'evm-wallet';
  const has = (field: CredentialFieldName) => current?.includes(field) === true;
  const networkSet = has(evm ? 'chainId' : 'cluster');
  const [chain, setChain] = useState(networkSet ? KEEP_SETTING : '');
  const keepChoice = networkSet ? <option value={KEEP_SETTING}>{evm ? 'Keep the current network' : 'Keep the current cluster'}</option> : null;
  const notSet = networkSet ? 'Not set (remove it)' : 'Not set';
  const tokensField: CredentialFieldName = evm ? 'tokenContracts' : 'tokenMints';
  return (
    <fieldset className="inset-box inset-box--roomy stack">
      <legend className="key-fields__legend">Network and balances</legend>
      {evm ? (
        <>
          <Field label="Network" hint={walletFieldHint(provider, 'chainId')} error={chain === CUSTOM_CHAIN ? undefined : errors['chainId']}>
            {(control) => (
              <select {...control} name="chainChoice" className="input" value={chain} onChange={(event) => { setChain(event.currentTarget.value); onEdit('chainId'); }}>
                {keepChoice}
                <option value="">{notSet}</option>
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
            <select {...control} name="cluster" className="input" defaultValue={networkSet ? KEEP_SETTING : ''} onChange={() => onEdit('cluster')}>
              {keepChoice}
              <option value="">{notSet}</option>
              {solanaClusters.map((entry) => <option key={entry.value} value={entry.value}>{entry.name} ({entry.value})</option>)}
            </select>
          )}
        </Field>
      )}
      {current === undefined ? (
        <>
          <SecretInput name="rpcUrl" label={walletFieldLabel(provider, 'rpcUrl')} hint={walletFieldHint(provider, 'rpcUrl')} error={errors['rpcUrl']} onValueChange={() => onEdit('rpcUrl')} />
          <SecretInput name={tokensField} reveal label={walletFieldLabel(provider, tokensField)} hint={walletFieldHint(provider, tokensField)} error={errors[tokensField]} onValueChange={() => onEdit(tokensField)} />
        </>
      ) : (
        <>
          <ReplaceableSetting
            field="rpcUrl"
            isSet={has('rpcUrl')}
            state={has('rpcUrl') ? 'An RPC URL is set. It is kept sealed and never shown again.' : 'No RPC URL: the balances are not read.'}
            replaceLabel="Replace the RPC URL"
            removeLabel="Remove RPC URL"
            removedText="The RPC URL will be removed when you save: the balances will not be read any more."
            input={(label) => <SecretInput name="rpcUrl" label={label} hint={has('rpcUrl') ? 'The new JSON-RPC endpoint. Leave it empty to keep the current one.' : walletFieldHint(provider, 'rpcUrl')} error={errors['rpcUrl']} onValueChange={() => onEdit('rpcUrl')} />}
            provider={provider}
            onEdit={onEdit}
          />
          <ReplaceableSetting
            field={tokensField}
            isSet={has(tokensField)}
            state={has(tokensField) ? `${evm ? 'Token contracts are' : 'Token mints are'} set: their balances are listed under Address and balances.` : `No ${evm ? 'token contracts' : 'token mints'}: only the native coin is shown.`}
            replaceLabel={evm ? 'Replace the token contracts' : 'Replace the token mints'}
            removeLabel={evm ? 'Remove token contracts' : 'Remove token mints'}
            removedText={`The ${evm ? 'token contracts' : 'token mints'} will be removed when you save: only the native coin will be shown.`}
            input={(label) => <SecretInput name={tokensField} reveal label={label} hint={has(tokensField) ? 'The whole new list, separated by commas. Leave it empty to keep the current one.' : walletFieldHint(provider, tokensField)} error={errors[tokensField]} onValueChange={() => onEdit(tokensField)} />}
            provider={provider}
            onEdit={onEdit}
          />
        </>
      )}
    </fieldset>
  );
}

interface ReplaceableSettingProps {
  readonly field: CredentialFieldName;
  readonly provider: WalletProviderIdOfKind;
  readonly isSet: boolean;
  /** Whether it is set, in a sentence: never its value. */
  readonly state: string;
  readonly replaceLabel: string;
  readonly removeLabel: string;
  readonly removedText: string;
  /** The field that replaces it (or sets it, when it is not set), with its label. */
  readonly input: (label: string) => ReactNode;
  readonly onEdit: (field: CredentialFieldName) => void;
}

/** A setting on a wallet's Settings: whether it is set, a field to replace it, and "Remove" while it is set. */
function ReplaceableSetting({ field, provider, isSet, state, replaceLabel, removeLabel, removedText, input, onEdit }: ReplaceableSettingProps) {
  const [removing, setRemoving] = useState(false);
  const toggle = (next: boolean) => {
    setRemoving(next);
    onEdit(field);
  };
  return (
    <div className="stack stack--tight">
      <p className="wallet-setting__state" data-testid={`${field}-state`}>{state}</p>
      {removing ? (
        <div className="callout callout--warning wallet-setting__removed">
          <span>{removedText}</span>
          <button type="button" className="button button--secondary button--small" onClick={() => toggle(false)}>Keep it</button>
        </div>
      ) : (
        input(isSet ? replaceLabel : walletFieldLabel(provider, field))
      )}
      {isSet && !removing ? (
        <div>
          <button type="button" className="button button--danger-quiet button--small" onClick={() => toggle(true)}>{removeLabel}</button>
        </div>
      ) : null}
      <input type="hidden" name={removalName(field)} value={removing ? 'yes' : ''} />
    </div>
  );
}
