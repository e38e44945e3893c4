/**
 * What the risk gate would say about the order being typed: asked (trading.preview) a moment after
 * the form stops changing, and again whenever something the gate looks at changed (an order was
 * placed or filled, the kill switch moved). An answer for an older form is never shown as current.
 */
import { useEffect, useState } from 'react';
import type { ContractError, OrderIntent, OrderPreview } from '../../api/contract-types';
import { useAppStores, useTrading } from '../../stores/store-hooks';

const DEBOUNCE_MS = 300;

export type PreviewState =
  | { readonly kind: 'idle' }
  /** `previous` is the last answer, for `previousKey`: the same order when only the gate's inputs changed. */
  | { readonly kind: 'checking'; readonly key: string; readonly previous: OrderPreview | null; readonly previousKey: string | null }
  | { readonly kind: 'ready'; readonly key: string; readonly preview: OrderPreview }
  | { readonly kind: 'error'; readonly key: string; readonly error: ContractError };

export function useOrderPreview(key: string | null): PreviewState {
  const { trading } = useAppStores();
  const revision = useTrading((state) => state.revision);
  const [state, setState] = useState<PreviewState>({ kind: 'idle' });

  useEffect(() => {
    if (key === null) {
      setState({ kind: 'idle' });
      return;
    }
    let current = true;
    setState((before) => {
      if (before.kind === 'ready') return { kind: 'checking', key, previous: before.preview, previousKey: before.key };
      if (before.kind === 'checking') return { kind: 'checking', key, previous: before.previous, previousKey: before.previousKey };
      return { kind: 'checking', key, previous: null, previousKey: null };
    });
    const timer = window.setTimeout(() => {
      void trading.getState().preview(JSON.parse(key) as OrderIntent).then((result) => {
        if (!current) return;
        setState(result.ok ? { kind: 'ready', key, preview: result.value } : { kind: 'error', key, error: result.error });
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [trading, key, revision]);

  return state;
}

/** The latest answer about exactly this order, even while the gate is asked again (after an order, a pause). */
export function previewFor(state: PreviewState, key: string | null): OrderPreview | null {
  if (key === null) return null;
  if (state.kind === 'ready' && state.key === key) return state.preview;
  if (state.kind === 'checking' && state.previousKey === key) return state.previous;
  return null;
}
