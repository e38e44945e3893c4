/**
 * One stored key: who it is for, whether it is live money, what the last check found, and how to
 * recognise it (masked preview, fingerprint). Never the key itself: the contract cannot return it.
 */
import { Badge } from '../../components/Badge';
import type { CredentialInfo } from '../../api/contract-types';
import { formatDate, formatDateTime } from '../../format/dates';
import { selectExchangeName } from '../../stores/exchanges-store';
import { useExchanges } from '../../stores/store-hooks';
import { canWithdraw, permissionChips, statusExplanation, statusPresentation } from './credential-presentation';
import { ExchangeInitial } from './ExchangeInitial';

interface CredentialCardProps {
  readonly credential: CredentialInfo;
  readonly onEdit: (id: string) => void;
  readonly onDelete: (id: string) => void;
}

export function CredentialCard({ credential, onEdit, onDelete }: CredentialCardProps) {
  const exchangeName = useExchanges(selectExchangeName(credential.provider));
  const status = statusPresentation[credential.status];
  const dangerous = canWithdraw(credential);
  const chips = permissionChips(credential);
  const titleId = `credential-${credential.id}-title`;

  return (
    <article className={dangerous ? 'credential credential--dangerous' : 'credential'} aria-labelledby={titleId}>
      <div className="credential__head">
        <ExchangeInitial id={credential.provider} name={exchangeName} />
        <div className="credential__identity">
          <h2 className="credential__label" id={titleId}>{credential.label}</h2>
          <p className="credential__exchange">
            {exchangeName}
            {credential.isPrimary ? <span className="credential__primary"> · primary {credential.environment} key</span> : null}
          </p>
        </div>
        <div className="credential__badges">
          <Badge tone={credential.environment === 'live' ? 'accent' : 'neutral'}>{credential.environment === 'live' ? 'Live' : 'Testnet'}</Badge>
          <Badge tone={status.tone}>{status.label}</Badge>
          {dangerous ? <Badge tone="danger">Dangerous: can withdraw</Badge> : null}
        </div>
      </div>

      {dangerous ? (
        <p className="callout callout--danger credential__warning">
          This key can withdraw funds from your {exchangeName} account: whoever gets hold of it can move your money off the exchange. Create a key with withdrawals off, add it, and delete this one.
          {credential.tradingBlock === 'withdraw-enabled' && !credential.withdrawRiskAccepted ? ' Keywarden will not trade with it until the risk is accepted.' : null}
        </p>
      ) : null}

      <dl className="credential__facts">
        <div className="credential__fact">
          <dt>Key</dt>
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
        <div className="credential__fact">
          <dt>Added</dt>
          <dd>{formatDate(credential.createdAt)}</dd>
        </div>
        {credential.expiresAt !== null ? (
          <div className="credential__fact">
            <dt>Expires</dt>
            <dd>{formatDate(credential.expiresAt)}</dd>
          </div>
        ) : null}
        <div className={chips === null ? 'credential__fact' : 'credential__fact credential__fact--wide'}>
          <dt>Permissions</dt>
          <dd>
            {chips === null ? <span className="muted">Not checked yet</span> : (
              <span className="chips">{chips.map((chip) => <Badge key={chip.label} tone={chip.tone}>{chip.label}</Badge>)}</span>
            )}
          </dd>
        </div>
      </dl>

      {/* Checking, rotating and revoking keys will sit with these actions. */}
      <div className="credential__foot">
        <p className="credential__status-note">{statusExplanation(credential, exchangeName)}</p>
        <div className="credential__actions">
          <button type="button" className="button button--secondary button--small" onClick={() => onEdit(credential.id)} aria-label={`Edit ${credential.label}`}>
            Edit
          </button>
          <button type="button" className="button button--danger-quiet button--small" onClick={() => onDelete(credential.id)} aria-label={`Delete ${credential.label}`}>
            Delete
          </button>
        </div>
      </div>
    </article>
  );
}
