/** A red banner over every page while a row that decides whether money moves fails its integrity check. */
import { useShallow } from 'zustand/react/shallow';
import { useIntegrity } from '../stores/store-hooks';

export function IntegrityBanner() {
  const alarms = useIntegrity(useShallow((state) => state.alarms));
  if (alarms.length === 0) return null;
  return (
    <div className="integrity-banner" role="alert" data-testid="integrity-banner">
      <strong>Changed outside Keywarden — trading is paused.</strong>
      <ul>
        {alarms.map((alarm) => (
          <li key={`${alarm.table}:${alarm.key}`}>{alarm.label}</li>
        ))}
      </ul>
      <p>Save each again in Keywarden (or delete it), or keep it as it is with <code>keywarden integrity acknowledge</code>; then resume trading.</p>
    </div>
  );
}
