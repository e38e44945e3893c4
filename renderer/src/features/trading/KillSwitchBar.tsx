/** The kill switch on the trading page: the state in words, pause / resume, and Panic. */
import { OctagonAlert, Pause, Play } from 'lucide-react';
import { useState } from 'react';
import { useTrading } from '../../stores/store-hooks';
import { PanicDialog } from './PanicDialog';
import { pauseDetail } from './pause-presentation';
import { useToggleTrading } from './use-toggle-trading';

export function KillSwitchBar() {
  const pause = useTrading((state) => state.pause);
  const busy = useTrading((state) => state.pauseBusy);
  const toggle = useToggleTrading();
  const [panicking, setPanicking] = useState(false);
  const paused = pause?.paused === true;
  return (
    <section className={paused ? 'kill-switch kill-switch--paused' : 'kill-switch'} aria-label="Trading state">
      <div className="kill-switch__text" role="status">
        <p className="kill-switch__title">
          <span className={paused ? 'status-dot status-dot--warning' : 'status-dot status-dot--ok'} aria-hidden="true" />
          {pause === null ? 'Checking whether trading is on…' : paused ? 'Trading is paused' : 'Trading is on'}
        </p>
        <p className="kill-switch__detail">
          {/* One line, as a status bar: what the state means for orders from every source. */}
          {pause !== null && paused ? `${pauseDetail(pause)}. Nothing is placed (app, command line or alert) until you resume.` : null}
          {pause !== null && !paused ? 'Orders from the app, the command line and alerts pass the risk gate. Pause stops them all.' : null}
        </p>
      </div>
      <div className="kill-switch__actions">
        <button type="button" className={paused ? 'button button--primary' : 'button button--secondary'} disabled={busy || pause === null} aria-busy={busy} onClick={() => void toggle()}>
          {paused ? <Play size={16} aria-hidden="true" /> : <Pause size={16} aria-hidden="true" />}
          {paused ? 'Resume trading' : 'Pause trading'}
        </button>
        <button type="button" className="button button--danger" onClick={() => setPanicking(true)}><OctagonAlert size={16} aria-hidden="true" />Panic…</button>
      </div>
      {panicking ? <PanicDialog onClose={() => setPanicking(false)} /> : null}
    </section>
  );
}
