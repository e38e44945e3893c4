/** Pause or resume trading (the kill switch), with a toast that says what that means. */
import { useAppStores, useTrading } from '../../stores/store-hooks';

export function useToggleTrading(): () => Promise<void> {
  const paused = useTrading((state) => state.pause?.paused === true);
  const { trading, toasts } = useAppStores();
  return async () => {
    const result = paused ? await trading.getState().resumeTrading() : await trading.getState().pauseTrading();
    if (!result.ok) return toasts.getState().show('error', result.error.message);
    toasts.getState().show('success', result.value.paused ? 'Trading paused. Nothing is placed, from here, the command line or a webhook alert, until you resume.' : 'Trading resumed. Orders pass the risk gate again.');
  };
}
