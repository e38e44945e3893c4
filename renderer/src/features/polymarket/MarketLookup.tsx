/**
 * The market box: a slug, a polymarket.com link or an outcome's token id, looked up
 * (polymarket.market) to show the question, whether it takes orders, and each outcome's best bid
 * and ask. Choosing an outcome's "Buy" or "Sell" fills in the order form below.
 */
import { Search } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Badge } from '../../components/Badge';
import { Field } from '../../components/Field';
import { formatCents } from './polymarket-presentation';
import { lookUpMarket, type PolymarketMarket } from './polymarket-channels';

export interface LookedUpMarket {
  /** What was typed to find it: sent as the order's symbol. */
  readonly query: string;
  readonly market: PolymarketMarket;
}

interface MarketLookupProps {
  readonly found: LookedUpMarket | null;
  readonly onFound: (found: LookedUpMarket | null) => void;
  readonly onPick: (outcome: string, side: 'buy' | 'sell') => void;
}

export function MarketLookup({ found, onFound, onPick }: MarketLookupProps) {
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const wanted = query.trim();
    if (wanted === '') return setError('Paste a market’s slug, its polymarket.com link or an outcome’s token id.');
    setBusy(true);
    setError(null);
    const result = await lookUpMarket(wanted);
    setBusy(false);
    if (result.ok) onFound({ query: result.value.slug ?? wanted, market: result.value });
    else {
      setError(result.error.message);
      onFound(null);
    }
  }

  return (
    <div className="stack">
      <form className="polymarket-lookup" onSubmit={(event) => void submit(event)} noValidate aria-label="Look up a market">
        <Field label="Market" hint="A slug (will-it-rain-tomorrow), a polymarket.com link or an outcome’s token id." error={error}>
          {(control) => (
            <input {...control} className="input input--mono" type="text" autoComplete="off" spellCheck={false} placeholder="will-it-rain-tomorrow" value={query} onChange={(event) => { setQuery(event.currentTarget.value); setError(null); }} />
          )}
        </Field>
        <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}><Search size={16} aria-hidden="true" />{busy ? 'Looking up…' : 'Look up'}</button>
      </form>
      {found ? <MarketView market={found.market} onPick={onPick} /> : null}
    </div>
  );
}

/** The market's question, or its slug, or its condition id when Polymarket gave neither. */
export function marketName(market: PolymarketMarket): string {
  return market.question ?? market.slug ?? market.conditionId;
}

function MarketView({ market, onPick }: { readonly market: PolymarketMarket; readonly onPick: MarketLookupProps['onPick'] }) {
  return (
    <section className="inset-box polymarket-market" aria-label={`Market: ${marketName(market)}`}>
      <div className="polymarket-market__head">
        <h3 className="polymarket-market__question">{marketName(market)}</h3>
        {market.acceptingOrders === false ? <Badge tone="warning">Not taking orders</Badge> : market.acceptingOrders ? <Badge tone="success">Taking orders</Badge> : null}
        {market.negRisk ? <Badge tone="neutral">Multi-outcome</Badge> : null}
      </div>
      <p className="muted small">
        {market.slug !== null ? <><span className="mono">{market.slug}</span> · </> : null}prices in steps of {market.tickSize}{market.minOrderSize !== null ? ` · at least ${market.minOrderSize} shares an order` : ''}
      </p>
      <table className="data-table polymarket-outcomes" aria-label="Outcomes">
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col" className="data-table__number">Best bid</th>
            <th scope="col" className="data-table__number">Best ask</th>
            <th scope="col"><span className="visually-hidden">Trade</span></th>
          </tr>
        </thead>
        <tbody>
          {market.outcomes.map((outcome) => (
            <tr key={outcome.tokenId} aria-label={outcome.outcome}>
              <td><strong>{outcome.outcome}</strong></td>
              <td className="data-table__number mono">{formatCents(outcome.bid)}</td>
              <td className="data-table__number mono">{formatCents(outcome.ask)}</td>
              <td className="data-table__actions">
                <button type="button" className="button button--secondary button--small" onClick={() => onPick(outcome.outcome, 'buy')} aria-label={`Buy ${outcome.outcome}`}>Buy</button>
                <button type="button" className="button button--secondary button--small" onClick={() => onPick(outcome.outcome, 'sell')} aria-label={`Sell ${outcome.outcome}`}>Sell</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
