/**
 * The perpetual form's companion: the chosen account's position on the chosen perpetual and its
 * leverage and margin mode, read fresh (futures.account). An exchange Keywarden cannot trade
 * perpetuals on says so here, in the core's words, instead of a form that could never work.
 */
import { useEffect } from 'react';
import { useAppStores, useLimits } from '../../stores/store-hooks';
import { maxLeverageFor, perpetualMarket } from './futures-presentation';
import { LeverageControl } from './LeverageControl';
import { PositionPanel } from './PositionPanel';
import { futuresAccountOf, useFuturesAccount } from './use-futures-account';

export function FuturesPanel({ account, symbol }: { readonly account: string; readonly symbol: string }) {
  const { limits } = useAppStores();
  const overview = useLimits((state) => state.overview);
  const { state, reload } = useFuturesAccount(account);
  const futures = futuresAccountOf(state);
  const market = perpetualMarket(symbol);

  useEffect(() => {
    // The max leverage limit is shown beside the control and checked before the exchange is asked.
    if (overview === null) void limits.getState().load();
  }, [limits, overview]);

  return (
    <div className="futures-panel" aria-busy={state.kind === 'loading'} data-futures-state={state.kind}>
      {state.kind === 'error' ? <div className="callout callout--warning" role="status">{state.error.message}</div> : null}
      {state.kind === 'loading' && futures === null ? <p className="busy-line" role="status">Reading positions from the exchange…</p> : null}
      {futures ? (
        <>
          <PositionPanel account={futures} market={market} onChanged={reload} />
          <LeverageControl key={`${account}\n${market ?? ''}`} account={futures} market={market} symbol={symbol.trim()} maxLeverage={maxLeverageFor(overview, futures.credentialId)} onChanged={reload} />
        </>
      ) : null}
    </div>
  );
}
