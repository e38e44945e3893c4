/**
 * One stored key: who it is for, whether it is live money, what the last check found and what to
 * do about it, and how to recognise it (masked preview, fingerprint). Never the key itself: the
 * contract cannot return it. "Verify" checks it with its provider; "Details" opens its own page
 * (permissions, history, rotation, revocation). An AI key never trades: no environment, permissions
 * or withdraw risk.
 */
import { PanelRight, Pencil, RefreshCw, Trash2 } from 'lucide-react';
import { Badge } from '../../components/Badge';
import { StatusIcon } from '../../components/StatusIcon';
import type { CredentialInfo } from '../../api/contract-types';
import { formatDate, formatDateTime } from '../../format/dates';
import { useAppStores, useCredentials, useNavigation } from '../../stores/store-hooks';
import { expiryDay } from '../../../../electron/shared/expiry-date';
import { canWithdraw, keyStatePresentation, permissionChips, statusExplanation } from './credential-presentation';
import { ExchangeInitial } from './ExchangeInitial';
import { TradingBlockCallout } from './TradingBlockCallout';
import { credentialWarnings, ipDangerBadge, isExpiringSoon } from './verification-presentation';
import { IpNotAllowedHelp } from './IpNotAllowedHelp';
import { KeyWarnings, VerificationResultView } from './VerificationResultView';
import { useProviderName } from './use-provider-name';

interface CredentialCardProps {
  readonly credential: CredentialInfo;
  readonly onEdit: (id: string) => void;
  readonly onDelete: (id: string) => void;
}

export function CredentialCard({ credential, onEdit, onDelete }: CredentialCardProps) {
  const exchangeName = useProviderName(credential.provider);
  const check = useCredentials((state) => state.checks[credential.id]);
  const checking = useCredentials((state) => state.checking[credential.id] === true || (state.verifyAllRun.state === 'running' && credential.status !== 'revoked' && !state.verifyAllRun.checked.includes(credential.id)));
  const verify = useCredentials((state) => state.verify);
  const openKey = useNavigation((state) => state.openKey);
  const toasts = useAppStores().toasts;
  const status = keyStatePresentation(credential);
  const dangerous = canWithdraw(credential);
  const chips = permissionChips(credential);
  const titleId = `credential-${credential.id}-title`;
  const now = Date.now();
  const revoked = credential.status === 'revoked';
  const trades = credential.kind === 'exchange';
  const warnings = check ? check.warnings : credentialWarnings(credential, exchangeName, now);
  const ipDanger = trades ? ipDangerBadge(credential, now) : null;

  async function verifyNow() {
    const result = await verify(credential.id);
    if (!result.ok) toasts.getState().show('error', result.error.message);
  }

  return (
    <article className={dangerous && !revoked ? 'credential credential--dangerous' : 'credential'} aria-labelledby={titleId}>
      <div className="credential__head">
        <ExchangeInitial id={credential.provider} name={exchangeName} />
        <div className="credential__identity">
          <h2 className="credential__label" id={titleId}>{credential.label}</h2>
          <p className="credential__exchange">
            {exchangeName}
            {credential.isPrimary ? <span className="credential__primary"> · primary {trades ? `${credential.environment} ` : ''}key</span> : null}
          </p>
        </div>
        <div className="credential__badges">
          {trades ? <Badge tone={credential.environment === 'live' ? 'accent' : 'neutral'}>{credential.environment === 'live' ? 'Live' : 'Testnet'}</Badge> : null}
          {/* One state word (docs/glossary.md): "Trading blocked" replaces "Working", never sits beside it. */}
          <span title={status.meaning}><Badge tone={status.tone}><StatusIcon state={status.state} />{status.label}</Badge></span>
          {credential.rotationDue && !revoked ? <Badge tone="warning">Rotation due</Badge> : null}
          {ipDanger !== null ? <Badge tone="danger">{ipDanger}</Badge> : null}
          {isExpiringSoon(credential, now) && !revoked && ipDanger === null ? <Badge tone="warning">{credential.expiresAt !== null && credential.expiresAt <= now ? 'Expired' : 'Expiring soon'}</Badge> : null}
        </div>
      </div>

      {revoked || !trades ? null : <TradingBlockCallout credential={credential} exchangeName={exchangeName} />}

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
            <dd>{expiryDay(credential.expiresAt)}</dd>
          </div>
        ) : null}
        {trades ? (
          <div className={chips === null ? 'credential__fact' : 'credential__fact credential__fact--wide'}>
            <dt>Permissions</dt>
            <dd>
              {chips === null ? <span className="muted">Known after the first check</span> : (
                <span className="chips">{chips.map((chip) => <Badge key={chip.label} tone={chip.tone}>{chip.label}</Badge>)}</span>
              )}
            </dd>
          </div>
        ) : null}
      </dl>

      {/* Announced when it changes, so "Verify" is answered for screen reader users too. */}
      <div role="status" className="credential__check">
        {checking ? <p className="busy-line">Checking with {exchangeName}…</p> : null}
        {!checking && check ? <VerificationResultView outcome={check.outcome} message={check.message} action={check.action} at={check.verifiedAt} latencyMs={check.latencyMs} tradingBlock={credential.tradingBlock} /> : null}
        {!checking && check?.outcome === 'ip-not-allowed' ? <IpNotAllowedHelp provider={credential.provider} exchangeName={exchangeName} seenIp={check.seenIp} /> : null}
      </div>
      {revoked ? null : <KeyWarnings warnings={warnings} />}

      <div className="credential__foot">
        <p className="credential__status-note">{check && !checking ? null : statusExplanation(credential, exchangeName)}</p>
        <div className="credential__actions">
          {revoked ? null : (
            <button type="button" className="button button--secondary button--small" onClick={() => void verifyNow()} disabled={checking} aria-busy={checking} aria-label={`Verify ${credential.label}`}>
              <RefreshCw size={14} aria-hidden="true" />{checking ? 'Checking…' : 'Verify'}
            </button>
          )}
          <button type="button" className="button button--secondary button--small" onClick={() => openKey(credential.id, credential.kind)} aria-label={`Details of ${credential.label}`}>
            <PanelRight size={14} aria-hidden="true" />Details
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
