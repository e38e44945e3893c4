/**
 * Rename a key or make it the primary one for its provider. A saved key's environment is fixed
 * (issue 21): a key is made on one network (live or testnet) and does not work on the other, so
 * moving means adding a new key created on the other network and revoking this one.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { callChannel } from '../../api/call-channel';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import type { CredentialInfo } from '../../api/contract-types';
import { useAppStores, useCredentials } from '../../stores/store-hooks';
import { keyLabelLengthProblem } from '../../../../electron/shared/key-label';
import { useProviderName } from './use-provider-name';

export function EditCredentialDialog({ credential, onClose }: { readonly credential: CredentialInfo; readonly onClose: () => void }) {
  const update = useCredentials((state) => state.update);
  const exchangeName = useProviderName(credential.provider);
  const toasts = useAppStores().toasts;
  const [label, setLabel] = useState(credential.label);
  const [isPrimary, setIsPrimary] = useState(credential.isPrimary);
  const [labelError, setLabelError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const renameWarning = useRenameWarning(credential, label);
  // Said as it is typed, not cut: a pasted label over the limit stays whole until the person shortens it.
  const lengthProblem = keyLabelLengthProblem(label);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setLabelError(null);
    setFormError(null);
    if (label.trim() === '') return setLabelError('Enter a label.');
    if (lengthProblem !== null) return setLabelError(lengthProblem);
    const changes = {
      ...(label.trim() !== credential.label ? { label } : {}),
      ...(isPrimary !== credential.isPrimary ? { isPrimary } : {}),
    };
    if (Object.keys(changes).length === 0) return onClose();
    setBusy(true);
    const result = await update({ ref: credential.id, ...changes });
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
        <Field label="Label" error={labelError ?? lengthProblem} hint="The name you will recognise it by, in this app, alerts and the command line (at most 64 characters).">
          {(control) => <input {...control} className="input" type="text" value={label} autoComplete="off" onChange={(event) => setLabel(event.currentTarget.value)} />}
        </Field>
        {renameWarning ? <p className="callout callout--warning" data-rename-warning>{renameWarning}</p> : null}
        {credential.kind === 'exchange' ? (
          <div className="field">
            <p className="field__label">Environment: {credential.environment === 'live' ? 'Live (real money)' : 'Testnet'}</p>
            <p className="field__hint">
              A saved key stays on the network it was made for: a {credential.environment} key does not work on {credential.environment === 'live' ? 'testnet' : 'the live exchange'}. To move, create a key on {exchangeName} {credential.environment === 'live' ? 'testnet' : 'live'}, add it with “Add key”, then revoke this one.
            </p>
          </div>
        ) : null}
        <label className="checkbox">
          <input type="checkbox" checked={isPrimary} onChange={(event) => setIsPrimary(event.currentTarget.checked)} />
          <span>
            {credential.kind === 'exchange'
              ? `Primary ${exchangeName} ${credential.environment} key: used when an order or alert does not name a key.`
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
