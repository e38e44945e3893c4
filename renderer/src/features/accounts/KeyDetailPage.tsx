/**
 * One key in full: what it may do, how it has been used, its expiry date, every check of it, the
 * keys it used before, and the two serious operations: rotating to a new key (checked first) and
 * revoking it. An AI key's page has nothing of trading (permissions, withdrawals, blocks) and
 * leads back to "AI keys".
 */
import { useEffect, useState } from 'react';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import type { CredentialInfo } from '../../api/contract-types';
import { formatDate, formatDateTime } from '../../format/dates';
import { selectCredentialById } from '../../stores/credentials-store';
import { keyListView } from '../../stores/navigation-store';
import { useAppStores, useCredentials, useNavigation } from '../../stores/store-hooks';
import { AiKeyRevokeNote } from '../ai-keys/AiKeyRevokeNote';
import { KeyUsageFacts } from '../usage/KeyUsageFacts';
import { statusExplanation, statusPresentation } from './credential-presentation';
import { Fact } from './Fact';
import { KeyExpirySection } from './KeyExpirySection';
import { OldKeySection } from './OldKeySection';
import { PermissionList } from './PermissionList';
import { ProgramAccessSection } from './ProgramAccessSection';
import { RevokeCredentialDialog } from './RevokeCredentialDialog';
import { RotateCredentialSection } from './RotateCredentialSection';
import { TradingBlockCallout } from './TradingBlockCallout';
import { useProviderName } from './use-provider-name';
import { credentialWarnings, ipDangerBadge } from './verification-presentation';
import { ConnectionSection } from './ConnectionSection';
import { IpNotAllowedHelp } from './IpNotAllowedHelp';
import { EarlierKeys, VerificationHistory } from './VerificationHistory';
import { KeyWarnings, VerificationResultView } from './VerificationResultView';

export function KeyDetailPage() {
  const keyId = useNavigation((state) => state.keyId);
  const view = useNavigation((state) => state.view);
  const go = useNavigation((state) => state.go);
  const credential = useCredentials(selectCredentialById(keyId));
  const loaded = useCredentials((state) => state.loaded);

  if (credential === undefined) {
    const back = view === 'ai-key' ? 'ai-keys' : 'accounts';
    return (
      <>
        <PageHeader title="Key" actions={<button type="button" className="button button--secondary" onClick={() => go(back)}>{back === 'ai-keys' ? 'Back to AI keys' : 'Back to accounts'}</button>} />
        <p className="muted" role="status">{loaded ? 'This key is not in the vault any more.' : 'Loading the key…'}</p>
      </>
    );
  }
  return <KeyDetail credential={credential} />;
}

function KeyDetail({ credential }: { readonly credential: CredentialInfo }) {
  const go = useNavigation((state) => state.go);
  const providerName = useProviderName(credential.provider);
  const check = useCredentials((state) => state.checks[credential.id]);
  const checking = useCredentials((state) => state.checking[credential.id] === true);
  const history = useCredentials((state) => state.histories[credential.id]);
  const hasRotation = useCredentials((state) => state.rotations[credential.id] !== undefined || state.oldKeyChecks[credential.id] !== undefined);
  const { credentials, toasts } = useAppStores();
  const [revoking, setRevoking] = useState(false);
  const revoked = credential.status === 'revoked';
  const trades = credential.kind === 'exchange';
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

  const usageFacts = (
    <dl className="facts">
      <Fact name="Last used" value={credential.lastUsedAt === null ? 'Never' : formatDateTime(credential.lastUsedAt)} />
      <Fact name="Uses" value={String(credential.useCount)} />
      <Fact name="Last verified" value={credential.lastVerifiedAt === null ? 'Never' : formatDateTime(credential.lastVerifiedAt)} />
      <Fact name="Added" value={formatDate(credential.createdAt)} />
      <Fact name="Last rotated" value={credential.rotatedAt === null ? 'Never' : formatDateTime(credential.rotatedAt)} />
      <Fact name="Fingerprint" value={credential.fingerprint} mono />
    </dl>
  );

  return (
    <>
      <PageHeader
        title={credential.label}
        description={trades
          ? <>{providerName} · {credential.environment === 'live' ? 'live account, real money' : 'testnet'} · key <span className="mono">{credential.preview}</span></>
          : <>{providerName} · AI key <span className="mono">{credential.preview}</span></>}
        actions={
          <>
            <button type="button" className="button button--secondary" onClick={() => go(keyListView(credential.kind))}>{trades ? 'Back to accounts' : 'Back to AI keys'}</button>
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
        {trades && credential.tradingBlock !== null && !revoked ? <Badge tone="danger">Trading blocked</Badge> : null}
        {credential.rotationDue && !revoked ? <Badge tone="warning">Rotation due</Badge> : null}
        {trades && ipDangerBadge(credential, Date.now()) !== null ? <Badge tone="danger">{ipDangerBadge(credential, Date.now())}</Badge> : null}
        {revoked ? null : <span className="muted">{statusExplanation(credential, providerName)}</span>}
      </div>
      {revoked ? (
        <div className="callout callout--info">This key was revoked: its secret is destroyed and nothing can use it. Its history stays below; you can still rename it or delete the record on the {trades ? 'Accounts' : 'AI keys'} page.</div>
      ) : trades ? (
        <TradingBlockCallout credential={credential} exchangeName={providerName} />
      ) : null}
      <div role="status" hidden={revoked}>
        {checking ? <p className="busy-line">Checking with {providerName}…</p> : null}
        {!checking && check ? <VerificationResultView outcome={check.outcome} message={check.message} action={check.action} at={check.verifiedAt} latencyMs={check.latencyMs} /> : null}
        {!checking && check?.outcome === 'ip-not-allowed' ? <IpNotAllowedHelp provider={credential.provider} exchangeName={providerName} seenIp={check.seenIp} /> : null}
        {!checking && !check && latest ? <VerificationResultView outcome={latest.outcome} message={latest.message} action={null} at={latest.at} latencyMs={latest.latencyMs} /> : null}
      </div>
      {revoked ? null : <KeyWarnings warnings={check ? check.warnings : credentialWarnings(credential, providerName, Date.now())} />}

      {trades ? (
        <div className="key-detail__grid">
          <Section title="Permissions" description="What the key may do on the exchange, from the last successful check.">
            <PermissionList permissions={credential.permissions} />
          </Section>
          <Section title="Usage" description="Each check and each order signed with the key counts as a use.">
            {usageFacts}
            <KeyUsageFacts credential={credential} />
          </Section>
        </div>
      ) : (
        <Section title="Usage" description="Each check, each program it is handed to and each call through the AI gateway counts as a use.">
          <div className="key-detail__grid">
            {usageFacts}
            <KeyUsageFacts credential={credential} />
          </div>
        </Section>
      )}

      {trades && !revoked ? <ConnectionSection credential={credential} providerName={providerName} /> : null}

      {revoked ? null : <KeyExpirySection credential={credential} providerName={providerName} />}

      {revoked ? null : <ProgramAccessSection credential={credential} />}

      {!revoked && (credential.retiredKeyExpiresAt !== null || hasRotation) ? (
        <Section title="Finish the rotation" description={`The new key is in use. The old one still works at ${providerName} until you delete it there.`}>
          <OldKeySection credential={credential} />
        </Section>
      ) : null}

      {revoked ? null : (
        <Section
          title="Rotate to a new key"
          description={trades
            ? <>Create a new key on {providerName} first (read and trade on, withdrawals off, restricted to your IP). Keywarden checks it with {providerName} before anything changes: if the check fails, this account keeps its current key, which keeps working.</>
            : <>Create a new key at {providerName} first. Keywarden checks it with {providerName} before anything changes: if the check fails, this key stays as it is, and keeps working.</>}
        >
          <RotateCredentialSection credential={credential} />
        </Section>
      )}

      <Section title="Verification history" description="Every check of this key, newest first.">
        {history?.error ? <div className="callout callout--danger" role="alert">{history.error.message}</div> : null}
        {history?.value ? <VerificationHistory history={history.value} kind={credential.kind} /> : null}
        {history === undefined || (history.loading && history.value === null) ? <p className="muted">Loading…</p> : null}
      </Section>

      <Section title="Earlier keys" description={trades ? 'Only fingerprints and dates are kept of the keys this account used before.' : 'Only fingerprints and dates are kept of the keys this one replaced.'}>
        {history?.value ? <EarlierKeys keys={history.value.keys} kind={credential.kind} /> : <p className="muted">Loading…</p>}
      </Section>

      {revoked ? null : (
        <Section
          title="Revoke this key"
          tone="danger"
          description="Destroys the key’s secret in this vault and stops every use of it. The record and its history stay. This cannot be undone."
          actions={<button type="button" className="button button--danger-quiet" onClick={() => setRevoking(true)}>Revoke key…</button>}
        >
          {trades
            ? <p className="muted small">Revoking does not delete the key on {providerName}: do that in its API settings too.</p>
            : <AiKeyRevokeNote provider={credential.provider} providerName={providerName} />}
        </Section>
      )}
      {revoking ? <RevokeCredentialDialog credential={credential} onClose={() => setRevoking(false)} /> : null}
    </>
  );
}
