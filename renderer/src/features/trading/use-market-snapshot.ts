/**
 * The chosen market's price and the account's free balance of both its coins, asked (trading.market)
 * as soon as an account and a symbol are chosen, a moment after the symbol stops changing, and again
 * after every order (the balance moved). An answer for another market is never shown as current.
 */
import { useEffect, useState } from 'react';
import type { ContractError, MarketSnapshot } from '../../api/contract-types';
import { useAppStores, useTrading } from '../../stores/store-hooks';

const DEBOUNCE_MS = 300;

export type MarketState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly key: string; readonly previous: MarketSnapshot | null }
  | { readonly kind: 'ready'; readonly key: string; readonly market: MarketSnapshot }
  | { readonly kind: 'error'; readonly key: string; readonly error: ContractError };

export function useMarketSnapshot(account: string, symbol: string): MarketState {
  const { trading } = useAppStores();
  const revision = useTrading((state) => state.revision);
  const [state, setState] = useState<MarketState>({ kind: 'idle' });
  const wanted = symbol.trim();
  const key = account !== '' && wanted !== '' ? `${account}\n${wanted.toUpperCase()}` : null;

  useEffect(() => {
    if (key === null) {
      setState({ kind: 'idle' });
      return;
    }
    let current = true;
    setState((before) => ({ kind: 'loading', key, previous: before.kind === 'ready' && before.key === key ? before.market : before.kind === 'loading' && before.key === key ? before.previous : null }));
    const timer = window.setTimeout(() => {
      void trading.getState().market(account, wanted).then((result) => {
        if (!current) return;
        setState(result.ok ? { kind: 'ready', key, market: result.value } : { kind: 'error', key, error: result.error });
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [trading, key, account, wanted, revision]);

  return state;
}
