/**
 * How to create a safe key on the exchange: read and trade on, withdrawals off, restricted to the
 * user's IP address. Binance and Bybit get their exact steps; other exchanges the same rules.
 */
import type { ReactNode } from 'react';
import type { ExchangeInfo } from '../../api/contract-types';

function SafeKeyRules() {
  return (
    <ul className="rules" aria-label="A safe key">
      <li className="rules__item rules__item--on">Read and trade: <strong>on</strong></li>
      <li className="rules__item rules__item--off">Withdrawals: <strong>off</strong></li>
      <li className="rules__item rules__item--on">IP allow-list: <strong>on</strong></li>
    </ul>
  );
}

const binanceSteps: readonly ReactNode[] = [
  <>Log in at binance.com and open <strong>Account → API Management</strong>.</>,
  <>Choose <strong>Create API</strong> → <strong>System generated</strong>, and name it (for example “Keywarden”). For a self-generated Ed25519 key, paste your private key file as the secret here.</>,
  <>Complete the security verification.</>,
  <>Under <strong>API restrictions</strong>, keep <strong>Enable Reading</strong> on and turn on <strong>Enable Spot &amp; Margin Trading</strong>. Leave <strong>Enable Withdrawals</strong> off.</>,
  <>Choose <strong>Restrict access to trusted IPs only</strong> and add this computer’s public IP address.</>,
  <>Save, then copy the <strong>API Key</strong> and the <strong>Secret Key</strong> into this form. Binance shows the secret only once.</>,
];

const bybitSteps: readonly ReactNode[] = [
  <>Log in at bybit.com and open <strong>Account → API → Create New Key</strong>.</>,
  <>Choose <strong>System-generated API Keys</strong>, then <strong>API Transaction</strong>, and name it (for example “Keywarden”).</>,
  <>Set <strong>Read-Write</strong> and tick <strong>Unified Trading → Spot</strong>. Leave everything under <strong>Assets</strong>, including <strong>Withdrawal</strong>, unticked.</>,
  <>Choose <strong>Only IPs with permissions granted…</strong> and enter this computer’s public IP address. Bybit keys without an IP restriction expire after three months.</>,
  <>Submit, confirm with your 2FA code, and copy the <strong>API Key</strong> and <strong>API Secret</strong> into this form. Bybit shows the secret only once.</>,
];

export function KeyCreationHelp({ exchange }: { readonly exchange: ExchangeInfo | null }) {
  const steps = exchange?.id === 'binance' ? binanceSteps : exchange?.id === 'bybit' ? bybitSteps : null;
  const name = exchange?.name ?? 'your exchange';
  return (
    <aside className="help-panel" aria-labelledby="key-help-title">
      <h2 className="help-panel__title" id="key-help-title">Creating a safe key on {name}</h2>
      <SafeKeyRules />
      {steps ? (
        <ol className="help-panel__steps">
          {steps.map((step, index) => <li key={index}>{step}</li>)}
        </ol>
      ) : (
        <p className="help-panel__text">
          In {name}’s API settings, create a key that can read and trade. Leave withdrawals off, and restrict the key to this computer’s IP address if {name} offers it.
        </p>
      )}
      <p className="help-panel__text muted">
        {exchange?.id === 'binance' ? 'For testnet keys, create the key on testnet.binance.vision and choose Testnet here.' : null}
        {exchange?.id === 'bybit' ? 'For testnet keys, create the key on testnet.bybit.com and choose Testnet here.' : null}
        {' '}A key that can withdraw is flagged as dangerous: whoever gets hold of it can move your funds off the exchange.
      </p>
    </aside>
  );
}
