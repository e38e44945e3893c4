/**
 * The body of a key's detail, shared by the key page and the pane beside the Accounts list (issue 21:
 * list–detail): what the key may do, its use, its connection, expiry, program access, rotation,
 * every check, earlier keys and revoking in Keywarden. Its history is loaded whenever a check, a
 * rotation or a revocation changed the key.
 */
import { useEffect, useState } from 'react';
import { Section } from '../../components/Section';
import type { CredentialInfo } from '../../api/contract-types';
import { formatDate, formatDateTime } from '../../format/dates';
import { useAppStores, useCredentials } from '../../stores/store-hooks';
import { KeyUsageFacts } from '../usage/KeyUsageFacts';
import { ConnectionSection } from './ConnectionSection';
import { Fact } from './Fact';
import { KeyExpirySection } from './KeyExpirySection';
import { OldKeySection } from './OldKeySection';
import { PermissionList } from './PermissionList';
import { ProgramAccessSection } from './ProgramAccessSection';
import { RevokeCredentialDialog } from './RevokeCredentialDialog';
import { RevokeKeySection } from './RevokeKeySection';
import { RotateCredentialSection } from './RotateCredentialSection';
import { EarlierKeys, VerificationHistory } from './VerificationHistory';

export function KeyDetailSections({ credential, providerName }: { readonly credential: CredentialInfo; readonly providerName: string }) {
  const history = useCredentials((state) => state.histories[credential.id]);
  const hasRotation = useCredentials((state) => state.rotations[credential.id] !== undefined || state.oldKeyChecks[credential.id] !== undefined);
  const { credentials } = useAppStores();
  const [revoking, setRevoking] = useState(false);
  const revoked = credential.status === 'revoked';
  const trades = credential.kind === 'exchange';

  useEffect(() => {
    void credentials.getState().loadHistory(credential.id);
  }, [credentials, credential.id, credential.lastVerifiedAt, credential.rotatedAt, credential.status, credential.retiredKeyExpiresAt]);

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

      {revoked ? null : <RevokeKeySection credential={credential} providerName={providerName} onRevoke={() => setRevoking(true)} />}
      {revoking ? <RevokeCredentialDialog credential={credential} onClose={() => setRevoking(false)} /> : null}
    </>
  );
}
