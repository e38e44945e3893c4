/**
 * Adding a bot wallet (issue 18): EVM or Solana, its key (an EVM private key or recovery phrase, a
 * Solana secret key), the address the person expects, and where it is used (network, RPC node,
 * tokens). "Test and save" asks the core to read the key (and the node, when one is given) first;
 * "Save without testing" stores it as it is. Errors the core names a field for are shown under that
 * field. The key never enters React state or a store: it is read from the form on submit, and the
 * form is emptied once it is saved. Then the wallet's own page opens.
 */
import { useState, type FormEvent } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useAppStores, useNavigation } from '../../stores/store-hooks';
import { walletProviders } from '../../../../electron/shared/wallet-providers';
import { KeyLabelField, LABEL_FIELD, NewKeyFormEnd, testRequested } from '../accounts/NewKeyForm';
import { saveNewKey, withoutError } from '../accounts/save-new-key';
import { FORM_FIELDS, readWalletKeyFields, readWalletNetworkFields, walletErrorField, type WalletFieldErrors } from './wallet-form-reading';
import { WalletKeyFields } from './WalletKeyFields';
import { WalletNetworkFields } from './WalletNetworkFields';
import type { WalletProviderIdOfKind } from './wallet-presentation';

/** The input to focus for an error of a field (the network's is the select, or the custom chain id). */
function focusField(form: HTMLFormElement, errors: WalletFieldErrors): void {
  const first = FORM_FIELDS.find((field) => errors[field] !== undefined);
  if (first === undefined) return;
  const names = first === 'chainId' ? ['customChainId', 'chainChoice'] : [first];
  for (const name of names) {
    const control = form.elements.namedItem(name);
    if (control instanceof HTMLElement) return control.focus();
  }
}

/** Empties the masked inputs (key, recovery phrase, RPC URL) without touching the rest of the form. */
function emptySecretInputs(form: HTMLFormElement): void {
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-secret]')) control.value = '';
}

export function AddWalletPage() {
  const go = useNavigation((state) => state.go);
  const openKey = useNavigation((state) => state.openKey);
  const { credentials, toasts } = useAppStores();
  const [provider, setProvider] = useState<WalletProviderIdOfKind>('evm-wallet');
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<WalletFieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const info = walletProviders[provider];

  function show(form: HTMLFormElement, found: WalletFieldErrors) {
    setErrors(found);
    focusField(form, found);
  }

  function pick(next: WalletProviderIdOfKind) {
    setProvider(next);
    setErrors({});
    setFormError(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFormError(null);
    const data = new FormData(form);
    const key = readWalletKeyFields(provider, data);
    const network = readWalletNetworkFields(provider, data);
    const found: WalletFieldErrors = {
      ...(label.trim() === '' ? { [LABEL_FIELD]: `Enter a label, such as “${provider === 'evm-wallet' ? 'Polygon bot' : 'Solana bot'}”.` } : {}),
      ...key.problems,
      ...network.problems,
    };
    if (Object.keys(found).length > 0) return show(form, found);

    const testFirst = testRequested(event);
    setBusy(true);
    const outcome = await saveNewKey(credentials.getState(), { provider, label, fields: { ...key.fields, ...network.fields } }, testFirst);
    setBusy(false);
    // Whatever the answer, the pasted secrets leave the page now; a retry means pasting them again.
    emptySecretInputs(form);
    if (outcome.state === 'saved') {
      form.reset();
      setErrors({});
      toasts.getState().show('success', outcome.tested ? `Saved “${outcome.credential.label}” after checking it.` : `Saved “${outcome.credential.label}” without testing it.`);
      openKey(outcome.credential.id, 'wallet');
      return;
    }
    if (outcome.state === 'refused') {
      setErrors({});
      return setFormError(`${outcome.message} Paste the secrets again to retry.`);
    }
    const field = walletErrorField(outcome.error);
    if (field !== null) return show(form, { [field]: `${outcome.error.message} Paste the secrets again.` });
    setErrors({});
    setFormError(outcome.error.message);
  }

  return (
    <>
      <PageHeader focusOnMount={false} title="Add a wallet" description="A wallet your bots sign with. Keywarden stores its key encrypted on this computer, shows only the address derived from it, and never moves funds." />
      <div className="add-key">
        <div className="add-key__main">
          <form className="panel stack" onSubmit={(event) => void submit(event)} noValidate aria-label="New wallet">
            <fieldset className="segmented-field">
              <legend className="field__label">Kind of wallet</legend>
              <div className="segmented">
                {(['evm-wallet', 'solana-wallet'] as const).map((id) => (
                  <label key={id} className="segmented__option">
                    <input type="radio" name="provider" value={id} checked={provider === id} onChange={() => pick(id)} />
                    <span className="segmented__text">
                      <span className="segmented__title">{id === 'evm-wallet' ? 'EVM' : 'Solana'}</span>
                      <span className="segmented__detail">{id === 'evm-wallet' ? 'Ethereum, Polygon, Base, Arbitrum…' : 'Phantom or solana-keygen keys'}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <p className="muted">{info.summary}</p>
            <KeyLabelField
              value={label}
              onChange={(value) => { setLabel(value); setErrors((current) => withoutError(current, LABEL_FIELD)); }}
              error={errors[LABEL_FIELD]}
              placeholder={provider === 'evm-wallet' ? 'Polygon bot' : 'Solana bot'}
              hint="How you will recognise this wallet here, in the programs you start through Keywarden and on the command line."
            />
            {/* Keyed by provider: switching kinds remounts, and so empties, every key field. */}
            <WalletKeyFields key={`key-${provider}`} provider={provider} legend={`Key of the ${info.name}`} errors={errors} onEdit={(field) => setErrors((current) => withoutError(current, field))} />
            <WalletNetworkFields key={`network-${provider}`} provider={provider} errors={errors} onEdit={(field) => setErrors((current) => withoutError(current, field))} />
            <NewKeyFormEnd
              formError={formError}
              busy={busy}
              onCancel={() => go('wallets')}
              explanation={<><strong>Test and save</strong> reads the key and, when you gave an RPC URL, asks that node for the wallet’s balances on the network you chose; it saves only a wallet that checks out. <strong>Save without testing</strong> still reads the key and checks the address, but asks no node.</>}
            />
          </form>
        </div>
        <aside className="help-panel" aria-labelledby="wallet-help-title">
          <h2 className="help-panel__title" id="wallet-help-title">A wallet for a bot</h2>
          <ol className="help-panel__steps">
            <li>Create a new wallet for the bot alone, not the one you keep your savings in.</li>
            <li>Send it only what the bot needs to trade and pay fees.</li>
            <li>Type the address you expect: Keywarden refuses a key that gives another.</li>
            <li>Keywarden never moves funds. It keeps the key sealed and hands it only to the programs you allow.</li>
          </ol>
        </aside>
      </div>
    </>
  );
}
