/**
 * Panic's futures step in the window: the positions Keywarden opened (which panic may close) and
 * those it leaves alone, read when the panic dialog opens (futures.panicPreview); closed only if
 * the person ticks it, and only if they are still exactly what was shown (futures.panicClose).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ContractError } from '../../api/contract-types';
import { closePanicPositions, previewPanicPositions, type ClosedOrders, type PanicPositionsPreview } from './futures-channels';

export type PanicPositionsState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly preview: PanicPositionsPreview }
  | { readonly kind: 'error'; readonly error: ContractError };

export interface PanicPositions {
  readonly state: PanicPositionsState;
  /** The person chose to close the positions listed (never the default: closing moves money). */
  readonly close: boolean;
  setClose(close: boolean): void;
  /** Closes what was shown; on a refusal (the positions changed) reads them again and says why. */
  closeShown(): Promise<{ readonly ok: true; readonly orders: ClosedOrders } | { readonly ok: false; readonly message: string }>;
}

export function usePanicPositions(): PanicPositions {
  const [state, setState] = useState<PanicPositionsState>({ kind: 'loading' });
  const [close, setClose] = useState(false);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    void previewPanicPositions().then((result) => {
      if (current) setState(result.ok ? { kind: 'ready', preview: result.value } : { kind: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [asked]);

  const closeShown = useCallback(async () => {
    if (state.kind !== 'ready') return { ok: false as const, message: 'The positions are still being read; try again in a moment.' };
    const result = await closePanicPositions(state.preview.confirmation);
    if (result.ok) return { ok: true as const, orders: result.value };
    setClose(false);
    setAsked((count) => count + 1);
    return { ok: false as const, message: result.error.message };
  }, [state]);

  return { state, close: close && state.kind === 'ready' && state.preview.toClose.length > 0, setClose, closeShown };
}
