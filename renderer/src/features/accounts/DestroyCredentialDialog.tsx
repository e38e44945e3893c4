/**
 * The confirmation before an action that destroys a key's secret (delete, revoke): it names the key,
 * lists the orders placed with it that may still be open on the exchange and asks what to do with
 * them (cancel first, by default), Cancel comes first and takes focus (the safe choice is the
 * default), and the core's refusal is shown in the dialog.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import type { ActionResult, CredentialInfo, KeyOpenOrders, OpenOrdersChoice as Choice, OpenOrdersOutcome } from '../../api/contract-types';
import { useAppStores } from '../../stores/store-hooks';
import { openOrdersSummary } from './open-orders-presentation';
import { OpenOrdersChoice, type OpenOrdersListing } from './OpenOrdersChoice';
import { useProviderName } from './use-provider-name';

/** What the dialog needs back from a revoke or a delete. */
export interface DestroyOutcome {
  readonly label: string;
  readonly orders: OpenOrdersOutcome;
}

interface DestroyCredentialDialogProps<T extends DestroyOutcome> {
  readonly credential: CredentialInfo;
  readonly onClose: () => void;
  /** "Delete" or "Revoke": the title and the button say it with the key's name. */
  readonly verb: string;
  /** "deleted" or "revoked", for "nothing is revoked". */
  readonly pastTense: string;
  readonly busyLabel: string;
  readonly run: (id: string, openOrders: Choice) => Promise<ActionResult<T>>;
  readonly successMessage: (outcome: T) => string;
  /** What the action does and does not do, given the exchange's name and (once known) the key's open orders. */
  readonly explanation: (exchangeName: string, openOrders: KeyOpenOrders | null) => ReactNode;
  /** False when the explanation says the action cannot be done to this key (the button stays disabled). */
  readonly possible?: (openOrders: KeyOpenOrders) => boolean;
}

export function DestroyCredentialDialog<T extends DestroyOutcome>({ credential, onClose, verb, pastTense, busyLabel, run, successMessage, explanation, possible = () => true }: DestroyCredentialDialogProps<T>) {
  const exchangeName = useProviderName(credential.provider);
  const { credentials, toasts } = useAppStores();
  const [listing, setListing] = useState<OpenOrdersListing>({ state: 'loading' });
  const [choice, setChoice] = useState<Choice>('cancel');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Asked once, when the dialog opens: the list is what the person decides on.
  useEffect(() => {
    let current = true;
    void credentials.getState().openOrders(credential.id).then((result) => {
      if (current) setListing(result.ok ? { state: 'loaded', value: result.value } : { state: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [credentials, credential.id]);

  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await run(credential.id, choice);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    const summary = openOrdersSummary(result.value.orders);
    toasts.getState().show('success', [successMessage(result.value), summary.done].filter(Boolean).join(' '));
    if (summary.leftOpen) toasts.getState().show('info', summary.leftOpen);
    // Needs the person to look on the exchange: it stays until dismissed.
    if (summary.unconfirmed) toasts.getState().show('error', summary.unconfirmed);
    onClose();
  }

  return (
    <Dialog title={`${verb} “${credential.label}”?`} onClose={onClose} tone="danger">
      <div className="stack">
        {explanation(exchangeName, listing.state === 'loaded' ? listing.value : null)}
        {/* An AI key places no orders; the listing is still asked for, as it says whether the record can go. */}
        {credential.kind === 'exchange' ? <OpenOrdersChoice listing={listing} choice={choice} onChoice={setChoice} pastTense={pastTense} keyRevoked={credential.status === 'revoked'} /> : null}
        <FormError message={error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>Cancel</button>
          <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy || listing.state === 'loading' || (listing.state === 'loaded' && !possible(listing.value))} aria-busy={busy}>
            {busy ? busyLabel : `${verb} “${credential.label}”`}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
