/**
 * Panic, after a confirmation that lists what it does: pause all trading, cancel every open order
 * Keywarden placed, lock the vault. What it does not do is said too (fills are not reversed).
 */
import { OctagonAlert } from 'lucide-react';
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { useAppStores, useTrading } from '../../stores/store-hooks';
import { closeSummary } from './futures-presentation';
import { PanicPositions } from './PanicPositions';
import { usePanicPositions } from './use-panic-positions';

export function PanicDialog({ onClose }: { readonly onClose: () => void }) {
  const openOrders = useTrading((state) => (state.ordersLoaded ? state.orders.filter((order) => order.status === 'open').length : null));
  const { trading, toasts } = useAppStores();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const positions = usePanicPositions();

  async function confirm() {
    setBusy(true);
    setError(null);
    if (positions.close) {
      // Positions first: once the vault is locked nothing can be closed. If they changed since they
      // were shown, nothing is closed and nothing else is done: the person sees the new list.
      const closed = await positions.closeShown();
      if (!closed.ok) {
        setBusy(false);
        return setError(closed.message);
      }
      const summary = closeSummary(closed.orders);
      toasts.getState().show(summary.tone, summary.text);
    }
    const result = await trading.getState().panic();
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    const { canceled, cancelFailed } = result.value;
    toasts.getState().show('success', `Panic done: trading paused, ${canceled} open order${canceled === 1 ? '' : 's'} canceled, vault locked.`);
    if (cancelFailed > 0) toasts.getState().show('error', `${cancelFailed} open order${cancelFailed === 1 ? '' : 's'} could not be canceled. Check ${cancelFailed === 1 ? 'it' : 'them'} on the exchange.`);
    onClose();
  }

  return (
    <Dialog title="Panic: stop everything now?" onClose={onClose} tone="danger">
      <div className="stack">
        <ol className="numbered">
          <li><strong>Pause all trading</strong>: no order is placed, from this app, the command line or a webhook alert, until you resume.</li>
          <li><strong>Cancel every open order Keywarden placed</strong>{openOrders === null ? '' : ` (${openOrders} open now)`}, on every exchange.</li>
          <li><strong>Lock the vault</strong>: you need your passphrase to get back in.</li>
        </ol>
        <p className="muted">Orders that already filled are not reversed, and orders placed outside Keywarden are not touched.</p>
        <PanicPositions model={positions} />
        <FormError message={error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>Cancel</button>
          <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
            <OctagonAlert size={16} aria-hidden="true" />
            {busy ? 'Stopping…' : positions.close ? 'Panic: close, pause, cancel and lock' : 'Panic: pause, cancel and lock'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
