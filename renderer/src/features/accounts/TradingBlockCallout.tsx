/**
 * The danger callout of a key that can withdraw, and, while trading with it is blocked, the way to
 * unblock it: an explicit, explained "Accept withdraw risk" (the dialog says what that means).
 */
import { useState } from 'react';
import type { CredentialInfo } from '../../api/contract-types';
import { AcceptRiskDialog } from './AcceptRiskDialog';

export function TradingBlockCallout({ credential, exchangeName }: { readonly credential: CredentialInfo; readonly exchangeName: string }) {
  const [accepting, setAccepting] = useState(false);
  const canWithdraw = credential.permissions?.withdraw === true;
  const block = credential.status === 'revoked' ? null : credential.tradingBlock;
  if (!canWithdraw && block === null) return null;

  return (
    <>
      {/* Danger either way: a key that can withdraw stays dangerous after its risk was accepted. */}
      <div className="callout callout--danger trading-block">
        <div className="trading-block__text">
          {block !== null ? <p className="trading-block__title">Trading with this key is blocked</p> : null}
          {canWithdraw ? (
            <p>
              This key can <strong>withdraw funds</strong> from your {exchangeName} account: whoever gets hold of it can move your money off the exchange.
              {block === null && credential.withdrawRiskAccepted ? ' You accepted this risk, so Keywarden trades with it.' : null}
              {' '}Safer: turn withdrawals off for the key on {exchangeName}, or create a key without them and rotate to it.
            </p>
          ) : null}
          {block === 'permissions-widened' ? <p>Its permissions widened since the last check. Keywarden will not trade with it until you review and accept the change.</p> : null}
          {block === 'withdraw-enabled' ? <p>Keywarden will not trade with it until you accept this risk.</p> : null}
        </div>
        {block !== null ? (
          <button type="button" className="button button--danger-quiet button--small" onClick={() => setAccepting(true)}>
            {block === 'permissions-widened' ? 'Review and accept…' : 'Accept withdraw risk…'}
          </button>
        ) : null}
      </div>
      {/* Outside the callout: a dialog must not inherit its colours and type size. */}
      {accepting ? <AcceptRiskDialog credential={credential} onClose={() => setAccepting(false)} /> : null}
    </>
  );
}
