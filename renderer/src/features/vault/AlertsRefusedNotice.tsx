/** On the lock screen: the listener is on with an enabled source, so every alert is refused until unlock (issue 19). */
import { useEffect } from 'react';
import { ALERTS_REFUSED_WHILE_LOCKED } from '../../../../electron/shared/alerts-refused';
import { useAppStores } from '../../stores/store-hooks';
import { useListenerWatch } from './listener-watch-store';

export function AlertsRefusedNotice() {
  const { listenerWatch } = useAppStores();
  const watch = useListenerWatch((state) => state.watch);
  useEffect(() => {
    void listenerWatch.getState().refresh();
  }, [listenerWatch]);
  if (!watch?.alertsRefusedWhileLocked) return null;
  return (
    <div className="callout callout--warning" role="alert" data-alerts-refused-notice="lock-screen">
      <strong>{ALERTS_REFUSED_WHILE_LOCKED}.</strong> The webhook listener is on with {watch.enabledSources === 1 ? 'an enabled alert source' : `${watch.enabledSources} enabled alert sources`}: every TradingView alert is refused until you unlock. Each refusal is listed in Received alerts.
    </div>
  );
}
