/**
 * The confirmation before an action that destroys a key's secret (delete, revoke): it names the key,
 * Cancel comes first and takes focus (the safe choice is the default), and the core's refusal is
 * shown in the dialog.
 */
import { useState, type ReactNode } from 'react';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import type { ActionResult, CredentialInfo } from '../../api/contract-types';
import { selectExchangeName } from '../../stores/exchanges-store';
import { useAppStores, useExchanges } from '../../stores/store-hooks';

interface DestroyCredentialDialogProps {
  readonly credential: CredentialInfo;
  readonly onClose: () => void;
  /** "Delete" or "Revoke": the title and the button say it with the key's name. */
  readonly verb: string;
  readonly busyLabel: string;
  readonly run: (id: string) => Promise<ActionResult<{ readonly label: string }>>;
  readonly successMessage: (label: string) => string;
  /** What the action does and does not do, given the exchange's name. */
  readonly explanation: (exchangeName: string) => ReactNode;
}

export function DestroyCredentialDialog({ credential, onClose, verb, busyLabel, run, successMessage, explanation }: DestroyCredentialDialogProps) {
  const exchangeName = useExchanges(selectExchangeName(credential.provider));
  const toasts = useAppStores().toasts;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await run(credential.id);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toasts.getState().show('success', successMessage(result.value.label));
    onClose();
  }

  return (
    <Dialog title={`${verb} “${credential.label}”?`} onClose={onClose} tone="danger">
      <div className="stack">
        {explanation(exchangeName)}
        <FormError message={error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>Cancel</button>
          <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
            {busy ? busyLabel : `${verb} “${credential.label}”`}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
