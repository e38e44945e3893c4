/**
 * The account page's market box and order form together: picking an outcome's Buy or Sell in the
 * market box fills in the form; a new market starts the form on its first outcome.
 */
import { useState } from 'react';
import type { CredentialInfo } from '../../api/contract-types';
import { MarketLookup, type LookedUpMarket } from './MarketLookup';
import { PolymarketOrderForm } from './PolymarketOrderForm';
import type { PolymarketDraft } from './polymarket-order-draft';

export function TradeSection({ credential }: { readonly credential: CredentialInfo }) {
  const [found, setFound] = useState<LookedUpMarket | null>(null);
  const [draft, setDraft] = useState<PolymarketDraft>({ account: credential.id, market: '', outcome: '', side: 'buy', type: 'limit', amount: '', price: '', fill: 'fok', paper: false });

  function onFound(next: LookedUpMarket | null) {
    setFound(next);
    if (next !== null) setDraft((current) => ({ ...current, account: credential.id, market: next.query, outcome: next.market.outcomes.some((outcome) => outcome.outcome === current.outcome) ? current.outcome : next.market.outcomes[0]?.outcome ?? '' }));
  }

  return (
    <div className="stack">
      <MarketLookup found={found} onFound={onFound} onPick={(outcome, side) => setDraft((current) => ({ ...current, outcome, side }))} />
      {found ? <PolymarketOrderForm found={found} draft={{ ...draft, account: credential.id }} onChange={setDraft} /> : null}
    </div>
  );
}
