/**
 * One key in full: what it may do, how it has been used, every check of it, the keys it used
 * before, and the two serious operations: rotating to a new key (checked first) and revoking it.
 */
import { useEffect, useState } from 'react';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import type { CredentialInfo } from '../../api/contract-types';
import { formatDate, formatDateTime } from '../../format/dates';
import { selectCredentialById } from '../../stores/credentials-store';
import { selectExchangeName } from '../../stores/exchanges-store';
import { useAppStores, useCredentials, useExchanges, useNavigation } from '../../stores/store-hooks';
import { statusExplanation, statusPresentation } from './credential-presentation';
import { OldKeySection } from './OldKeySection';
import { PermissionList } from './PermissionList';
import { ProgramAccessSection } from './ProgramAccessSection';
import { RevokeCredentialDialog } from './RevokeCredentialDialog';
import { RotateCredentialSection } from './RotateCredentialSection';
import { TradingBlockCallout } from './TradingBlockCallout';
import { credentialWarnings } from './verification-presentation';
import { EarlierKeys, VerificationHistory } from './VerificationHistory';
import { KeyWarnings, VerificationResultView } from './VerificationResultView';

export function KeyDetailPage() {
  const keyId = useNavigation((state) => state.keyId);
  const go = useNavigation((state) => state.go);
  const credential = useCredentials(selectCredentialById(keyId));
  const loaded = useCredentials((state) => state.loaded);

  if (credential === undefined) {
    return (
      <>
        <PageHeader title="Key" actions={<button type="button" className="button button--secondary" onClick={() => go('accounts')}>Back to accounts</button>} />
        <p className="muted" role="status">{loaded ? 'This key is not in the vault any more.' : 'Loading the key…'}</p>
      </>
    );
  }
  return <KeyDetail credential={credential} />;
}

function KeyDetail({ credential }: { readonly credential: CredentialInfo }) {
  const go = useNavigation((state) => state.go);
  const exchangeName = useExchanges(selectExchangeName(credential.provider));
  const check = useCredentials((state) => state.checks[credential.id]);
  const checking = useCredentials((state) => state.checking[credential.id] === true);
  const history = useCredentials((state) => state.histories[credential.id]);
  const hasRotation = useCredentials((state) => state.rotations[credential.id] !== undefined || state.oldKeyChecks[credential.id] !== undefined);
  const { credentials, toasts } = useAppStores();
  const [revoking, setRevoking] = useState(false);
  const revoked = credential.status === 'revoked';
  const status = statusPresentation[credential.status];
  const latest = history?.value?.verifications[0];

  // Reloaded whenever a check, a rotation or a revocation changed the key.
  useEffect(() => {
    void credentials.getState().loadHistory(credential.id);
  }, [credentials, credential.id, credential.lastVerifiedAt, credential.rotatedAt, credential.status, credential.retiredKeyExpiresAt]);

  async function verifyNow() {
    const result = await credentials.getState().verify(credential.id);
    if (!result.ok) toasts.getState().show('error', result.error.message);
  }

  return (
    <>
      <PageHeader
        title={credential.label}
        description={<>{exchangeName} · {credential.environment === 'live' ? 'live account, real money' : 'testnet'} · key <span className="mono">{credential.preview}</span></>}
        actions={
          <>
            <button type="button" className="button button--secondary" onClick={() => go('accounts')}>Back to accounts</button>
            {revoked ? null : (
              <button type="button" className="button button--primary" onClick={() => void verifyNow()} disabled={checking} aria-busy={checking}>
                {checking ? 'Checking…' : 'Verify now'}
              </button>
            )}
          </>
        }
      />

      <div className="key-status">
        <Badge tone={status.tone}>{status.label}</Badge>
        {credential.tradingBlock !== null && !revoked ? <Badge tone="danger">Trading blocked</Badge> : null}
        {credential.rotationDue && !revoked ? <Badge tone="warning">Rotation due</Badge> : null}
        {revoked ? null : <span className="muted">{statusExplanation(credential, exchangeName)}</span>}
      </div>
      {revoked ? (
        <div className="callout callout--info">This key was revoked: its secret is destroyed and nothing can use it. Its history stays below; you can still rename it or delete the record on the Accounts page.</div>
      ) : (
        <TradingBlockCallout credential={credential} exchangeName={exchangeName} />
      )}
      <div role="status" hidden={revoked}>
        {checking ? <p className="busy-line">Checking with {exchangeName}…</p> : null}
        {!checking && check ? <VerificationResultView outcome={check.outcome} message={check.message} action={check.action} at={check.verifiedAt} latencyMs={check.latencyMs} /> : null}
        {!checking && !check && latest ? <VerificationResultView outcome={latest.outcome} message={latest.message} action={null} at={latest.at} latencyMs={latest.latencyMs} /> : null}
      </div>
      {revoked ? null : <KeyWarnings warnings={check ? check.warnings : credentialWarnings(credential, exchangeName, Date.now())} />}

      <div className="key-detail__grid">
        <Section title="Permissions" description="What the key may do on the exchange, from the last successful check.">
          <PermissionList permissions={credential.permissions} />
        </Section>
        <Section title="Usage" description="Each check and each order signed with the key counts as a use.">
          <dl className="facts">
            <Fact name="Last used" value={credential.lastUsedAt === null ? 'Never' : formatDateTime(credential.lastUsedAt)} />
            <Fact name="Uses" value={String(credential.useCount)} />
            <Fact name="Last verified" value={credential.lastVerifiedAt === null ? 'Never' : formatDateTime(credential.lastVerifiedAt)} />
            <Fact name="Added" value={formatDate(credential.createdAt)} />
            <Fact name="Last rotated" value={credential.rotatedAt === null ? 'Never' : formatDateTime(credential.rotatedAt)} />
            <Fact name="Fingerprint" value={credential.fingerprint} mono />
          </dl>
        </Section>
      </div>

      {revoked ? null : <ProgramAccessSection credential={credential} />}

      {!revoked && (credential.retiredKeyExpiresAt !== null || hasRotation) ? (
        <Section title="Finish the rotation" description="The new key is in use. The old one still works on the exchange until you delete it there.">
          <OldKeySection credential={credential} />
        </Section>
      ) : null}

      {revoked ? null : (
        <Section
          title="Rotate to a new key"
          description={<>Create a new key on {exchangeName} first (read and trade on, withdrawals off, restricted to your IP). Keywarden checks it with {exchangeName} before anything changes: if the check fails, this account keeps its current key, which keeps working.</>}
        >
          <RotateCredentialSection credential={credential} />
        </Section>
      )}

      <Section title="Verification history" description="Every check of this key, newest first.">
        {history?.error ? <div className="callout callout--danger" role="alert">{history.error.message}</div> : null}
        {history?.value ? <VerificationHistory history={history.value} /> : null}
        {history === undefined || (history.loading && history.value === null) ? <p className="muted">Loading…</p> : null}
      </Section>

      <Section title="Earlier keys" description="Only fingerprints and dates are kept of the keys this account used before.">
        {history?.value ? <EarlierKeys keys={history.value.keys} /> : <p className="muted">Loading…</p>}
      </Section>

      {revoked ? null : (
        <Section
          title="Revoke this key"
          tone="danger"
          description="Destroys the key’s secret in this vault and stops every use of it. The record and its history stay. This cannot be undone."
          actions={<button type="button" className="button button--danger-quiet" onClick={() => setRevoking(true)}>Revoke key…</button>}
        >
          <p className="muted small">Revoking does not delete the key on {exchangeName}: do that in its API settings too.</p>
        </Section>
      )}
      {revoking ? <RevokeCredentialDialog credential={credential} onClose={() => setRevoking(false)} /> : null}
    </>
  );
}

function Fact({ name, value, mono = false }: { readonly name: string; readonly value: string; readonly mono?: boolean }) {
  return (
    <div className="facts__row">
      <dt>{name}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  );
}
