/**
 * The key of a wallet (adding one, rotating one): an EVM private key, or (a switch) a recovery
 * phrase with its derivation path; a Solana secret key; and the address the person expects, which
 * the core checks against the one it derives. Uncontrolled: the secrets stay in the inputs (masked),
 * are read from the form on submit and emptied by form.reset(); only error messages are kept.
 */
import { useState } from 'react';
import { Field } from '../../components/Field';
import { SecretInput } from '../../components/SecretInput';
import type { CredentialFieldName } from '../../api/contract-types';
import type { WalletFieldErrors } from './wallet-form-reading';
import { walletFieldHint, walletFieldLabel, DEFAULT_EVM_DERIVATION_PATH, type WalletProviderIdOfKind } from './wallet-presentation';

export type EvmKeyForm = 'privateKey' | 'mnemonic';

interface WalletKeyFieldsProps {
  readonly provider: WalletProviderIdOfKind;
  readonly errors: WalletFieldErrors;
  /** A field was typed into: its error goes. */
  readonly onEdit: (field: CredentialFieldName) => void;
  readonly legend: string;
}

export function WalletKeyFields({ provider, errors, onEdit, legend }: WalletKeyFieldsProps) {
  const [keyForm, setKeyForm] = useState<EvmKeyForm>('privateKey');
  const evm = provider === 'evm-wallet';
  return (
    <fieldset className="inset-box inset-box--roomy stack">
      <legend className="key-fields__legend">{legend}</legend>
      {evm ? (
        <fieldset className="segmented-field">
          <legend className="field__label">The key is</legend>
          <div className="segmented">
            <label className="segmented__option">
              <input type="radio" name="keyForm" value="privateKey" checked={keyForm === 'privateKey'} onChange={() => setKeyForm('privateKey')} />
              <span className="segmented__text">
                <span className="segmented__title">A private key</span>
                <span className="segmented__detail">64 hex digits</span>
              </span>
            </label>
            <label className="segmented__option">
              <input type="radio" name="keyForm" value="mnemonic" checked={keyForm === 'mnemonic'} onChange={() => setKeyForm('mnemonic')} />
              <span className="segmented__text">
                <span className="segmented__title">A recovery phrase</span>
                <span className="segmented__detail">12 to 24 words and a path</span>
              </span>
            </label>
          </div>
        </fieldset>
      ) : null}
      {!evm || keyForm === 'privateKey' ? (
        <SecretInput key={`${provider}-privateKey`} name="privateKey" label={walletFieldLabel(provider, 'privateKey')} hint={walletFieldHint(provider, 'privateKey')} error={errors['privateKey']} onValueChange={() => onEdit('privateKey')} />
      ) : (
        <>
          <SecretInput key="mnemonic" name="mnemonic" multiline label="Recovery phrase" hint={walletFieldHint(provider, 'mnemonic')} error={errors['mnemonic']} onValueChange={() => onEdit('mnemonic')} />
          <DerivationPathField error={errors['derivationPath']} onEdit={() => onEdit('derivationPath')} hint={walletFieldHint(provider, 'derivationPath')} />
        </>
      )}
      <SecretInput key={`${provider}-walletAddress`} name="walletAddress" reveal label={walletFieldLabel(provider, 'walletAddress')} hint={walletFieldHint(provider, 'walletAddress')} error={errors['walletAddress']} onValueChange={() => onEdit('walletAddress')} />
    </fieldset>
  );
}

function DerivationPathField({ error, onEdit, hint }: { readonly error: string | undefined; readonly onEdit: () => void; readonly hint: string }) {
  return (
    <Field label="Derivation path" hint={<>{hint} Leave it as it is unless your wallet app uses another.</>} error={error}>
      {(control) => (
        <input {...control} name="derivationPath" className="input input--mono" type="text" autoComplete="off" spellCheck={false} defaultValue={DEFAULT_EVM_DERIVATION_PATH} onChange={onEdit} />
      )}
    </Field>
  );
}
