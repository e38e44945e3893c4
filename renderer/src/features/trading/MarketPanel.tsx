/**
 * The market and the account, before anything is typed: the price now (last, bid, ask) and the free
 * balance of both coins, read from the exchange as soon as a market is chosen. A person deciding an
 * amount should see what they hold and what it costs, not find out from a refusal.
 */
import { formatAmount } from '../../format/numbers';
import type { MarketState } from './use-market-snapshot';

export function MarketPanel({ state, accountLabel }: { readonly state: MarketState; readonly accountLabel: string }) {
  const market = state.kind === 'ready' ? state.market : state.kind === 'loading' ? state.previous : null;
  return (
    <section className="inset-box market-panel" aria-labelledby="market-panel-title" aria-busy={state.kind === 'loading'}>
      <h2 className="gate-preview__title" id="market-panel-title">{market ? market.symbol : 'Market'}</h2>
      <div role="status" data-market-state={state.kind}>
        {state.kind === 'idle' ? <p className="muted">Choose a market to see its price and your balance.</p> : null}
        {state.kind === 'error' ? <p className="market-panel__problem">{state.error.message}</p> : null}
        {state.kind === 'loading' && market === null ? <p className="busy-line">Asking the exchange…</p> : null}
        {market && state.kind !== 'error' ? (
          <dl className="facts facts--compact">
            <div className="facts__row">
              <dt>Price</dt>
              <dd className="mono">{formatAmount(market.last)} {market.quote}</dd>
            </div>
            {market.bid !== null && market.ask !== null ? (
              <div className="facts__row">
                <dt>Bid / ask</dt>
                <dd className="mono">{formatAmount(market.bid)} / {formatAmount(market.ask)}</dd>
              </div>
            ) : null}
            {market.balances ? (
              <>
                <div className="facts__row">
                  <dt>{market.base} free</dt>
                  <dd className="mono" data-balance={market.base}>{formatAmount(market.balances.base)}</dd>
                </div>
                <div className="facts__row">
                  <dt>{market.quote} free</dt>
                  <dd className="mono" data-balance={market.quote}>{formatAmount(market.balances.quote)}</dd>
                </div>
              </>
            ) : (
              <div className="facts__row">
                <dt>Balance</dt>
                <dd>{market.balanceNote ?? `Not available for ${accountLabel}.`}</dd>
              </div>
            )}
          </dl>
        ) : null}
      </div>
    </section>
  );
}
