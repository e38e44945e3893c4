/**
 * One Polymarket account on the list: its label, the signing wallet (masked address), its status and
 * what its last check found, with what to do about it. "Verify" checks it with Polymarket now;
 * "Open" leads to its page; "Edit" renames it or makes it the primary account; "Delete" removes it.
 */
import { ArrowRight, Pencil, RefreshCw, Trash2 } from 'lucide-react';
import { Badge } from '../../components/Badge';
import { StatusIcon } from '../../components/StatusIcon';
import type { CredentialInfo } from '../../api/contract-types';
import { formatDateTime } from '../../format/dates';
import { useAppStores, useCredentials, useNavigation } from '../../stores/store-hooks';
import { keyStatePresentation, statusExplanation } from '../accounts/credential-presentation';
import { ExchangeInitial } from '../accounts/ExchangeInitial';
import { LastCheck } from './LastCheck';
import { accountStatusNote } from './polymarket-presentation';

interface PolymarketAccountCardProps {
  readonly credential: CredentialInfo;
  readonly onEdit: (id: string) => void;
  readonly onDelete: (id: string) => void;
}

export function PolymarketAccountCard({ credential, onEdit, onDelete }: PolymarketAccountCardProps) {
  const checking = useCredentials((state) => state.checking[credential.id] === true);
  const lastOutcome = useCredentials((state) => state.checks[credential.id]?.outcome ?? state.histories[credential.id]?.value?.verifications[0]?.outcome);
  const verify = useCredentials((state) => state.verify);
  const openKey = useNavigation((state) => state.openKey);
  const toasts = useAppStores().toasts;
  const status = keyStatePresentation(credential);
  const revoked = credential.status === 'revoked';
  const titleId = `polymarket-${credential.id}-title`;

  async function verifyNow() {
    const result = await verify(credential.id);
    if (!result.ok) toasts.getState().show('error', result.error.message);
  }

  return (
    <article className="credential" aria-labelledby={titleId}>
      <div className="credential__head">
        <ExchangeInitial id="polymarket" name="Polymarket" />
        <div className="credential__identity">
          <h2 className="credential__label" id={titleId}>{credential.label}</h2>
          <p className="credential__exchange">Polymarket{credential.isPrimary ? <span className="credential__primary"> · primary account</span> : null}</p>
        </div>
        <div className="credential__badges">
          <span title={status.meaning}><Badge tone={status.tone}><StatusIcon state={status.state} />{status.label}</Badge></span>
          {credential.rotationDue && !revoked ? <Badge tone="warning">Rotation due</Badge> : null}
        </div>
      </div>
      <dl className="credential__facts">
        <div className="credential__fact">
          <dt>Signing wallet</dt>
          <dd className="mono">{credential.preview}</dd>
        </div>
        <div className="credential__fact">
          <dt>Fingerprint</dt>
          <dd className="mono">{credential.fingerprint}</dd>
        </div>
        <div className="credential__fact">
          <dt>Last verified</dt>
          <dd>{credential.lastVerifiedAt === null ? <span className="muted">Never</span> : formatDateTime(credential.lastVerifiedAt)}</dd>
        </div>
      </dl>
      <div role="status" className="credential__check">
        {checking ? <p className="busy-line">Checking with Polymarket…</p> : <LastCheck credential={credential} />}
      </div>
      <div className="credential__foot">
        <p className="credential__status-note">{accountStatusNote(statusExplanation(credential, 'Polymarket'), lastOutcome)}</p>
        <div className="credential__actions">
          {revoked ? null : (
            <button type="button" className="button button--secondary button--small" onClick={() => void verifyNow()} disabled={checking} aria-busy={checking} aria-label={`Verify ${credential.label}`}>
              <RefreshCw size={14} aria-hidden="true" />{checking ? 'Checking…' : 'Verify'}
            </button>
          )}
          <button type="button" className="button button--secondary button--small" onClick={() => openKey(credential.id, credential.kind)} aria-label={`Open ${credential.label}`}>
            <ArrowRight size={14} aria-hidden="true" />Open
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => onEdit(credential.id)} aria-label={`Edit ${credential.label}`}>
            <Pencil size={14} aria-hidden="true" />Edit
          </button>
          <button type="button" className="button button--danger-quiet button--small" onClick={() => onDelete(credential.id)} aria-label={`Delete ${credential.label}`}>
            <Trash2 size={14} aria-hidden="true" />Delete
          </button>
        </div>
      </div>
    </article>
  );
}
