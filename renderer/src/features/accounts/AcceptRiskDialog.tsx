/**
 * Accepting that a key can withdraw (or that its permissions widened), so that Keywarden may trade
 * with it. Says exactly what the risk is, that accepting does not make the key safer, and that
 * turning withdrawals off on the exchange is the better fix. Cancel is the default choice.
 */
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import type { CredentialInfo } from '../../api/contract-types';
import { selectExchangeName } from '../../stores/exchanges-store';
import { useAppStores, useCredentials, useExchanges } from '../../stores/store-hooks';

function withdrawalsOffHowTo(provider: string, exchangeName: string): string {
  if (provider === 'binance') return 'In Binance → API Management → Edit restrictions, untick “Enable Withdrawals”, save, then verify the key again here.';
  if (provider === 'bybit') return 'In Bybit → API, edit the key and untick “Withdrawal” under Assets, save, then verify the key again here.';
  return `In ${exchangeName}’s API settings, turn withdrawals off for the key, then verify it again here.`;
}

export function AcceptRiskDialog({ credential, onClose }: { readonly credential: CredentialInfo; readonly onClose: () => void }) {
  const acceptWithdrawRisk = useCredentials((state) => state.acceptWithdrawRisk);
  const widenedNote = useCredentials((state) => state.checks[credential.id]?.warnings.find((warning) => warning.code === 'permissions-widened')?.message ?? null);
  const exchangeName = useExchanges(selectExchangeName(credential.provider));
  const toasts = useAppStores().toasts;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const widened = credential.tradingBlock === 'permissions-widened';
  const canWithdraw = credential.permissions?.withdraw === true;

  async function accept() {
    setBusy(true);
    setError(null);
    const result = await acceptWithdrawRisk(credential.id);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toasts.getState().show('success', `Accepted: Keywarden may now trade with “${result.value.label}”. This is recorded in the audit log.`);
    onClose();
  }

  return (
    <Dialog title={widened ? `Accept the new permissions of “${credential.label}”?` : `Accept that “${credential.label}” can withdraw?`} onClose={onClose} tone="danger">
      <div className="stack">
        {widened ? (
          <p>
            Since Keywarden last checked it, this {exchangeName} key gained permissions{canWithdraw ? ', and it can now withdraw funds' : ''}. {widenedNote ?? ''} Trading with it is blocked until you confirm that this was you.
          </p>
        ) : null}
        {canWithdraw ? (
          <p>
            <strong>The risk:</strong> this key can withdraw funds from your {exchangeName} account. If it ever leaks (from this computer, a backup, a screenshot, malware), whoever holds it can send your money off the exchange, and a withdrawal cannot be undone.
          </p>
        ) : null}
        <p>
          Accepting lets Keywarden place orders with the key. It does not make the key any safer, and Keywarden never withdraws anything itself. Your acceptance is recorded in the audit log; if the key’s permissions widen again, trading is blocked again.
        </p>
        <div className="callout callout--info">
          <strong>Better: </strong>
          {canWithdraw ? withdrawalsOffHowTo(credential.provider, exchangeName) : `Remove the permissions you do not need in ${exchangeName}’s API settings, then verify the key again here.`}
          {' '}Keywarden never needs withdrawals to trade.
        </div>
        <FormError message={error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>Cancel</button>
          <button type="button" className="button button--danger" onClick={() => void accept()} disabled={busy} aria-busy={busy}>
            {busy ? 'Accepting…' : 'Accept the risk and allow trading'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
