/** Rename a key, move an exchange key between live and testnet, or make a key the primary one for its provider. */
import { useEffect, useState, type FormEvent } from 'react';
import { callChannel } from '../../api/call-channel';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import type { CredentialInfo, Environment } from '../../api/contract-types';
import { useAppStores, useCredentials, useExchanges } from '../../stores/store-hooks';
import { useProviderName } from './use-provider-name';
import { EnvironmentChoice } from './EnvironmentChoice';

export function EditCredentialDialog({ credential, onClose }: { readonly credential: CredentialInfo; readonly onClose: () => void }) {
  const update = useCredentials((state) => state.update);
  const exchangeName = useProviderName(credential.provider);
  const testnetAvailable = useExchanges((state) => state.list?.find((exchange) => exchange.id === credential.provider)?.hasTestnet ?? true);
  const toasts = useAppStores().toasts;
  const [label, setLabel] = useState(credential.label);
  const [environment, setEnvironment] = useState<Environment>(credential.environment);
  const [isPrimary, setIsPrimary] = useState(credential.isPrimary);
  const [labelError, setLabelError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const renameWarning = useRenameWarning(credential, label);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setLabelError(null);
    setFormError(null);
    if (label.trim() === '') return setLabelError('Enter a label.');
    const environmentChanged = environment !== credential.environment;
    const changes = {
      ...(label.trim() !== credential.label ? { label } : {}),
      ...(environmentChanged ? { environment } : {}),
      ...(!environmentChanged && isPrimary !== credential.isPrimary ? { isPrimary } : {}),
    };
    if (Object.keys(changes).length === 0) return onClose();
    setBusy(true);
    let result = await update({ ref: credential.id, ...changes });
    // Moving a key to the other environment drops its primary mark (it was primary for the old one);
    // the core only applies "primary" against the key's state before the move, so ask for it again.
    if (result.ok && environmentChanged && isPrimary) result = await update({ ref: credential.id, isPrimary: true });
    setBusy(false);
    if (result.ok) {
      toasts.getState().show('success', `Saved changes to “${result.value.label}”.`);
      onClose();
    } else if (result.error.details?.['field'] === 'label') {
      setLabelError(result.error.message);
    } else {
      setFormError(result.error.message);
    }
  }

  return (
    <Dialog title={`Edit “${credential.label}”`} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <Field label="Label" error={labelError} hint="The name you will recognise it by, in this app, alerts and the command line.">
          {(control) => <input {...control} className="input" type="text" value={label} maxLength={64} autoComplete="off" onChange={(event) => setLabel(event.currentTarget.value)} />}
        </Field>
        {renameWarning ? <p className="callout callout--warning" data-rename-warning>{renameWarning}</p> : null}
        {/* An AI key is always a live key: its providers have no test networks. */}
        {credential.kind === 'exchange' ? <EnvironmentChoice value={environment} onChange={setEnvironment} testnetAvailable={testnetAvailable || credential.environment === 'testnet'} /> : null}
        {environment !== credential.environment ? (
          <p className="callout callout--info">Moving the key to {environment === 'live' ? 'live' : 'testnet'} marks it unverified: the last check was against the other environment.</p>
        ) : null}
        <label className="checkbox">
          <input type="checkbox" checked={isPrimary} onChange={(event) => setIsPrimary(event.currentTarget.checked)} />
          <span>
            {credential.kind === 'exchange'
              ? `Primary ${exchangeName} ${environment} key: used when an order or alert does not name a key.`
              : `Primary ${exchangeName} key: the one to use when no key is named.`}
          </span>
        </label>
        <FormError message={formError} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>Cancel</button>
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>{busy ? 'Saving…' : 'Save changes'}</button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Alert messages name accounts by label: renaming one that an alert source trades breaks the alerts
 * already in TradingView. The core says which sources, as the new label is typed.
 */
function useRenameWarning(credential: CredentialInfo, label: string): string | null {
  const [warning, setWarning] = useState<string | null>(null);
  const wanted = label.trim();
  useEffect(() => {
    if (wanted === '' || wanted === credential.label) {
      setWarning(null);
      return;
    }
    let live = true;
    void callChannel(window.keywarden, 'webhook.renameImpact', { ref: credential.id, label: wanted }).then((result) => {
      if (live) setWarning(result.ok ? result.value.warning : null);
    });
    return () => {
      live = false;
    };
  }, [credential.id, credential.label, wanted]);
  return warning;
}
