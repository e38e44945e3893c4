/**
 * The kill switch in the sidebar: whether orders may go out at all, and one button to pause or
 * resume, on every page. Pausing stops manual, CLI and webhook orders alike.
 */
import { Pause, Play } from 'lucide-react';
import { useTrading } from '../../stores/store-hooks';
import { pauseDetail } from './pause-presentation';
import { useToggleTrading } from './use-toggle-trading';

export function TradingSwitch() {
  const pause = useTrading((state) => state.pause);
  const busy = useTrading((state) => state.pauseBusy);
  const toggle = useToggleTrading();
  if (pause === null) return null;

  return (
    <section className={pause.paused ? 'inset-box sidebar__box--paused' : 'inset-box'} aria-label="Kill switch">
      <p className="sidebar__box-state">
        <span className={pause.paused ? 'status-dot status-dot--warning' : 'status-dot status-dot--ok'} aria-hidden="true" />
        {pause.paused ? 'Trading paused' : 'Trading on'}
      </p>
      <p className="sidebar__box-detail">{pause.paused ? pauseDetail(pause) : 'Orders pass the risk gate'}</p>
      <button type="button" className="button button--secondary button--block" disabled={busy} aria-busy={busy} onClick={() => void toggle()}>
        {pause.paused ? <Play size={16} aria-hidden="true" /> : <Pause size={16} aria-hidden="true" />}
        {pause.paused ? 'Resume trading' : 'Pause trading'}
      </button>
    </section>
  );
}
