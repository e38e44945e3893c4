/** A red banner over every page while a row that decides whether money moves fails its integrity check. */
import { Check } from 'lucide-react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useIntegrity } from '../stores/store-hooks';

export function IntegrityBanner() {
  const alarms = useIntegrity(useShallow((state) => state.alarms));
  const acknowledge = useIntegrity((state) => state.acknowledge);
  const [problem, setProblem] = useState<string | null>(null);
  if (alarms.length === 0) return null;
  return (
    <div className="integrity-banner" role="alert" data-testid="integrity-banner">
      <strong>Changed outside Keywarden — trading is paused.</strong>
      <ul>
        {alarms.map((alarm) => (
          <li key={`${alarm.table}:${alarm.key}`}>
            {alarm.label}{' '}
            <button type="button" className="button button--small button--secondary" aria-label={`Keep as it is: ${alarm.label}`} onClick={() => void acknowledge(alarm).then(setProblem)}>
              <Check size={14} aria-hidden="true" />Keep as it is
            </button>
          </li>
        ))}
      </ul>
      <p>Check each one: save it again in Keywarden, delete it, or keep it as it is now if you changed it yourself. Then resume trading.</p>
      {problem ? <p role="status">{problem}</p> : null}
    </div>
  );
}
