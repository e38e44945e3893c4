/**
 * One Polymarket account (issue 18), in three tabs under a header that keeps the state and Verify
 * (issue 21): what its last check found and Verify; the funder's pUSD and
 * positions; a market looked up by slug, link or token id with its outcomes' bid and ask; an order
 * form previewed by the risk gate before it is placed; this account's orders, open ones cancelable;
 * its funder and signature type, changed without a new key; and the key's lifecycle: rotation, export of the signing key, revocation.
 */
import { ArrowLeft, Ban, FileKey, RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { StatusIcon } from '../../components/StatusIcon';
import { Tabs, type TabItem } from '../../components/Tabs';
import { useRememberedTab } from '../../components/tab-memory';
import type { CredentialInfo } from '../../api/contract-types';
import { formatDate, formatDateTime } from '../../format/dates';
import { selectCredentialById } from '../../stores/credentials-store';
import { useAppStores, useCredentials, useNavigation } from '../../stores/store-hooks';
import { keyStatePresentation, statusExplanation } from '../accounts/credential-presentation';
import { Fact } from '../accounts/Fact';
import { OldKeySection } from '../accounts/OldKeySection';
import { RevokeCredentialDialog } from '../accounts/RevokeCredentialDialog';
import { VerificationHistory } from '../accounts/VerificationHistory';
import { ExportKeyDialog } from '../wallets/ExportKeyDialog';
import { LastCheck } from './LastCheck';
import { accountStatusNote } from './polymarket-presentation';
import { AccountOrders } from './AccountOrders';
import { FunderSection } from './FunderSection';
import { PositionsSection } from './PositionsSection';
import { RotatePolymarketSection } from './RotatePolymarketSection';
import { TradeSection } from './TradeSection';
import './polymarket.css';

export function PolymarketAccountPage() {
  const keyId = useNavigation((state) => state.keyId);
  const go = useNavigation((state) => state.go);
  const credential = useCredentials(selectCredentialById(keyId));
  const loaded = useCredentials((state) => state.loaded);
  if (credential === undefined) {
    return (
      <>
        <PageHeader title="Polymarket account" actions={<button type="button" className="button button--secondary" onClick={() => go('polymarket')}><ArrowLeft size={16} aria-hidden="true" />Back to Polymarket</button>} />
        <p className="muted" role="status">{loaded ? 'This account is not in the vault any more.' : 'Loading the account…'}</p>
      </>
    );
  }
  return <PolymarketAccount credential={credential} />;
}

function PolymarketAccount({ credential }: { readonly credential: CredentialInfo }) {
  const go = useNavigation((state) => state.go);
  const checking = useCredentials((state) => state.checking[credential.id] === true);
  const lastOutcome = useCredentials((state) => state.checks[credential.id]?.outcome ?? state.histories[credential.id]?.value?.verifications[0]?.outcome);
  const hasRotation = useCredentials((state) => state.rotations[credential.id] !== undefined || state.oldKeyChecks[credential.id] !== undefined);
  const { credentials, toasts } = useAppStores();
  const [tab, setTab] = useRememberedTab<AccountTab>('polymarket-account', 'trade');
  const [revoking, setRevoking] = useState(false);
  const [exporting, setExporting] = useState(false);
  const revoked = credential.status === 'revoked';
  const status = keyStatePresentation(credential);

  useEffect(() => {
    void credentials.getState().loadHistory(credential.id);
  }, [credentials, credential.id, credential.lastVerifiedAt, credential.rotatedAt, credential.status, credential.retiredKeyExpiresAt]);

  async function verifyNow() {
    const result = await credentials.getState().verify(credential.id);
    if (!result.ok) toasts.getState().show('error', result.error.message);
  }

  const tabs: TabItem<AccountTab>[] = [
    { id: 'trade', label: 'Trade', content: <TradeTab credential={credential} /> },
    { id: 'account', label: 'Account', content: <AccountTab credential={credential} /> },
    // A revoked account has no key left to rotate, export or revoke.
    ...(revoked ? [] : [{ id: 'key' as const, label: 'Key', content: <KeyTab credential={credential} onExport={() => setExporting(true)} onRevoke={() => setRevoking(true)} /> }]),
  ];

  return (
    <>
      <PageHeader
        title={credential.label}
        description={<>Polymarket account · signing wallet <span className="mono">{credential.preview}</span></>}
        actions={
          <>
            <button type="button" className="button button--secondary" onClick={() => go('polymarket')}><ArrowLeft size={16} aria-hidden="true" />Back to Polymarket</button>
            {revoked ? null : (
              <button type="button" className="button button--primary" onClick={() => void verifyNow()} disabled={checking} aria-busy={checking}>
                <RefreshCw size={16} aria-hidden="true" />{checking ? 'Checking…' : 'Verify now'}
              </button>
            )}
          </>
        }
      />
      <div className="key-status">
        <span title={status.meaning}><Badge tone={status.tone}><StatusIcon state={status.state} />{status.label}</Badge></span>
        {credential.rotationDue && !revoked ? <Badge tone="warning">Rotation due</Badge> : null}
        <span className="muted">{accountStatusNote(statusExplanation(credential, 'Polymarket'), lastOutcome)}</span>
      </div>
      <div role="status">
        {checking ? <p className="busy-line">Checking with Polymarket…</p> : <LastCheck credential={credential} />}
      </div>

      {!revoked && (credential.retiredKeyExpiresAt !== null || hasRotation) ? (
        // Above the tabs: the old key may still hold funds, which no tab may hide.
        <Section title="Finish the rotation" description="The account signs with the new key. Move what the old wallet still holds, if anything.">
          <OldKeySection credential={credential} />
        </Section>
      ) : null}

      <Tabs label={`Sections of ${credential.label}`} tabs={tabs} selected={tab} onSelect={setTab} />
      {revoking ? <RevokeCredentialDialog credential={credential} onClose={() => setRevoking(false)} /> : null}
      {exporting ? <ExportKeyDialog wallet={credential} onClose={() => setExporting(false)} /> : null}
    </>
  );
}

type AccountTab = 'trade' | 'account' | 'key';

/** What the funder holds, a market and an order, and this account's orders. */
function TradeTab({ credential }: { readonly credential: CredentialInfo }) {
  const revoked = credential.status === 'revoked';
  return (
    <>
      {revoked ? null : (
        <Section title="pUSD and positions" description="What the funder holds now, read from Polymarket.">
          <PositionsSection credential={credential} />
        </Section>
      )}
      {revoked ? null : (
        <Section title="Trade" description="Look up a market, then preview an order: the risk gate values it in US dollars before anything is sent.">
          <TradeSection credential={credential} />
        </Section>
      )}
      <Section title="Orders" description="The orders placed with this account, newest first.">
        <AccountOrders credential={credential} />
      </Section>
    </>
  );
}

/** The account's facts, its funder and signature type, and every check of it. */
function AccountTab({ credential }: { readonly credential: CredentialInfo }) {
  const history = useCredentials((state) => state.histories[credential.id]);
  return (
    <>
      <Section title="Account" description="The signing wallet is shown by its address, never by its key.">
        <dl className="facts">
          <Fact name="Signing wallet" value={credential.preview} mono />
          <Fact name="Fingerprint" value={credential.fingerprint} mono />
          <Fact name="Last verified" value={credential.lastVerifiedAt === null ? 'Never' : formatDateTime(credential.lastVerifiedAt)} />
          <Fact name="Last used" value={credential.lastUsedAt === null ? 'Never' : formatDateTime(credential.lastUsedAt)} />
          <Fact name="Added" value={formatDate(credential.createdAt)} />
          <Fact name="Last rotated" value={credential.rotatedAt === null ? 'Never' : formatDateTime(credential.rotatedAt)} />
        </dl>
      </Section>
      {credential.status === 'revoked' ? null : (
        <Section title="Funder" description="The address that holds the account’s pUSD and shares, and how the key signs for it. They change without a new key; the account is checked again with them.">
          <FunderSection credential={credential} />
        </Section>
      )}
      <Section title="Verification history" description="Every check of this account, newest first.">
        {history?.error ? <div className="callout callout--danger" role="alert">{history.error.message}</div> : null}
        {history?.value ? <VerificationHistory history={history.value} kind={credential.kind} /> : null}
        {history === undefined || (history.loading && history.value === null) ? <p className="muted">Loading…</p> : null}
      </Section>
    </>
  );
}

/** The key's lifecycle: rotation, export of the signing key, revocation. */
function KeyTab({ credential, onExport, onRevoke }: { readonly credential: CredentialInfo; readonly onExport: () => void; readonly onRevoke: () => void }) {
  return (
    <>
      <Section title="Rotate to a new key" description="Keywarden checks the new key with Polymarket before anything changes: if the check fails, the account keeps its current key.">
        <RotatePolymarketSection credential={credential} />
      </Section>
      <Section
        title="Export the private key"
        tone="danger"
        description="To move the signing wallet to a hardware wallet or another app. Shown once, after you type the vault passphrase again; the export is written to the audit log."
        actions={<button type="button" className="button button--danger-quiet" onClick={onExport}><FileKey size={16} aria-hidden="true" />Export private key…</button>}
      >
        <p className="muted small">Whoever has the key can move the funder’s pUSD and shares. Keywarden keeps using it here after an export.</p>
      </Section>
      <Section
        title="Revoke this account"
        tone="danger"
        description="Destroys the signing key in this vault and stops every use of it. The record and its history stay. This cannot be undone."
        actions={<button type="button" className="button button--danger-quiet" onClick={onRevoke}><Ban size={16} aria-hidden="true" />Revoke account…</button>}
      >
        <p className="muted small">Revoking does not move funds: the funder keeps its pUSD and shares. Export the key first if you need it elsewhere.</p>
      </Section>
    </>
  );
}
