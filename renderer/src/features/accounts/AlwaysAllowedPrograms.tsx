/**
 * The programs a person allowed to read this key always, in the desktop app's question (issue 16),
 * each with Forget: that program is asked again next time.
 */
import { useEffect, useState } from 'react';
import type { CredentialInfo } from '../../api/contract-types';
import { formatDateTime } from '../../format/dates';
import type { AlwaysAllowed } from '../../stores/release-approval-store';
import { useAppStores } from '../../stores/store-hooks';

export function AlwaysAllowedPrograms({ credential }: { readonly credential: CredentialInfo }) {
  const { releaseApprovals, toasts } = useAppStores();
  const [approvals, setApprovals] = useState<AlwaysAllowed>([]);

  useEffect(() => {
    let current = true;
    void releaseApprovals.getState().alwaysAllowed(credential.id).then((result) => {
      if (current && result.ok) setApprovals(result.value);
    });
    return () => {
      current = false;
    };
  }, [releaseApprovals, credential.id, credential.allowPrograms]);

  async function forget(program: string) {
    const result = await releaseApprovals.getState().forget(credential.id, program);
    if (!result.ok) return toasts.getState().show('error', result.error.message);
    setApprovals(result.value);
    toasts.getState().show('success', `${program} will be asked again before it reads “${credential.label}”.`);
  }

  if (approvals.length === 0) return null;
  return (
    <div className="stack">
      <h3 className="muted">Programs allowed always</h3>
      <ul className="stack">
        {approvals.map((approval) => (
          <li key={approval.program}>
            <span className="mono">{approval.program}</span> <span className="muted">(since {formatDateTime(approval.since)})</span>{' '}
            <button type="button" className="button button--small button--secondary" aria-label={`Forget ${approval.program}`} onClick={() => void forget(approval.program)}>Forget</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
