/**
 * An account's perpetual positions, leverage and paper positions (futures.account), asked as soon
 * as an account is chosen on the perpetual form, and again after every order (trading's revision)
 * or when the panel asks (a leverage set, a close). An answer for another account is never shown.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ContractError } from '../../api/contract-types';
import { useTrading } from '../../stores/store-hooks';
import { loadFuturesAccount, type FuturesAccount } from './futures-channels';

export type FuturesAccountState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly account: string; readonly previous: FuturesAccount | null }
  | { readonly kind: 'ready'; readonly account: string; readonly value: FuturesAccount }
  | { readonly kind: 'error'; readonly account: string; readonly error: ContractError };

export function useFuturesAccount(account: string): { readonly state: FuturesAccountState; readonly reload: () => void } {
  const revision = useTrading((state) => state.revision);
  const [asked, setAsked] = useState(0);
  const [state, setState] = useState<FuturesAccountState>({ kind: 'idle' });
  const reload = useCallback(() => setAsked((count) => count + 1), []);

  useEffect(() => {
    if (account === '') {
      setState({ kind: 'idle' });
      return;
    }
    let current = true;
    setState((before) => ({ kind: 'loading', account, previous: before.kind === 'ready' && before.account === account ? before.value : before.kind === 'loading' && before.account === account ? before.previous : null }));
    void loadFuturesAccount(account).then((result) => {
      if (!current) return;
      setState(result.ok ? { kind: 'ready', account, value: result.value } : { kind: 'error', account, error: result.error });
    });
    return () => {
      current = false;
    };
  }, [account, revision, asked]);

  return { state, reload };
}

/** The latest answer for this account, also while it is asked again. */
export function futuresAccountOf(state: FuturesAccountState): FuturesAccount | null {
  if (state.kind === 'ready') return state.value;
  if (state.kind === 'loading') return state.previous;
  return null;
}
