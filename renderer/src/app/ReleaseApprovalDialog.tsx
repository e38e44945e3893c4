/**
 * Over any page: a program started with `keywarden run` asks to read keys, and a person allows it
 * for this session, always, or denies it (issue 16). Deny has the focus, and Escape denies. Names
 * only: the window never sees a key's value.
 */
import { Check, CheckCheck, X } from 'lucide-react';
import { fieldLabels, type CredentialFieldName } from '../../../electron/shared/credential-field-labels';
import { Dialog } from '../components/Dialog';
import { useAppStores, useReleaseApprovals } from '../stores/store-hooks';
import type { ReleaseAnswer, ReleaseRequest } from '../stores/release-approval-store';

export function ReleaseApprovalPrompt() {
  const request = useReleaseApprovals((state) => state.requests[0]);
  // Keyed: each request is a new dialog, with the focus on its Deny.
  return request ? <ReleaseApprovalDialog key={request.requestId} request={request} /> : null;
}

function ReleaseApprovalDialog({ request }: { readonly request: ReleaseRequest }) {
  const { releaseApprovals, toasts } = useAppStores();
  const keys = request.keys.map((key) => `‘${key.label}’`).join(', ');

  async function reply(answer: ReleaseAnswer) {
    const problem = await releaseApprovals.getState().answer(request.requestId, answer);
    if (problem) toasts.getState().show('error', problem);
  }

  return (
    <Dialog title={`Allow ${request.program} to read ${keys}?`} onClose={() => void reply('deny')}>
      <div className="stack" data-testid="release-approval">
        <dl className="release-approval__facts">
          <dt>Program</dt>
          <dd className="mono">{request.program}</dd>
          <dt>Started in</dt>
          <dd className="mono">{request.cwd}</dd>
          {request.keys.map((key) => (
            <div key={key.id} className="release-approval__key">
              <dt>{key.label}</dt>
              <dd>{key.fields.map((field) => fieldLabels[field as CredentialFieldName] ?? field).join(', ')}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">
          It asked through Keywarden’s command line. Allow only a program you started yourself. “This session” lasts until Keywarden locks or quits; “Always” until you forget it on the key’s page.
        </p>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={() => void reply('deny')} autoFocus><X size={16} aria-hidden="true" />Deny</button>
          <button type="button" className="button button--secondary" onClick={() => void reply('always')}><CheckCheck size={16} aria-hidden="true" />Always allow</button>
          <button type="button" className="button button--primary" onClick={() => void reply('session')}><Check size={16} aria-hidden="true" />Allow this session</button>
        </div>
      </div>
    </Dialog>
  );
}
