/**
 * One wallet in full (issue 18), in tabs under a header that keeps its state and Verify (issue 21): its address and balances, what its last check found, Verify, its
 * settings (network, RPC node, tokens) changed without a new key, its usage, expiry and program access (the key page's own sections), rotating to a new wallet and what
 * to do with the old one, exporting its key, its history, and revoking it.
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
import { KeyUsageFacts } from '../usage/KeyUsageFacts';
import { keyStatePresentation } from '../accounts/credential-presentation';
import { DestroyCredentialDialog } from '../accounts/DestroyCredentialDialog';
import { Fact } from '../accounts/Fact';
import { KeyExpirySection } from '../accounts/KeyExpirySection';
import { ProgramAccessSection } from '../accounts/ProgramAccessSection';
import { EarlierKeys, VerificationHistory } from '../accounts/VerificationHistory';
import { VerificationResultView } from '../accounts/VerificationResultView';
import { ExportKeyDialog } from './ExportKeyDialog';
import { WalletBalancesSection } from './WalletBalancesSection';
import { WalletOldKeySection } from './WalletOldKeySection';
import { WalletRotateSection } from './WalletRotateSection';
import { WalletSettingsSection } from './WalletSettingsSection';
import { isWalletProvider, walletFamily } from './wallet-presentation';

export function WalletPage() {
  const keyId = useNavigation((state) => state.keyId);
  const go = useNavigation((state) => state.go);
  const wallet = useCredentials(selectCredentialById(keyId));
  const loaded = useCredentials((state) => state.loaded);
  if (wallet === undefined) {
    return (
      <>
        <PageHeader title="Wallet" actions={<button type="button" className="button button--secondary" onClick={() => go('wallets')}><ArrowLeft size={16} aria-hidden="true" />Back to wallets</button>} />
        <p className="muted" role="status">{loaded ? 'This wallet is not in the vault any more.' : 'Loading the wallet…'}</p>
      </>
    );
  }
  return <WalletDetail wallet={wallet} />;
}

function WalletDetail({ wallet }: { readonly wallet: CredentialInfo }) {
  const go = useNavigation((state) => state.go);
  const { credentials, toasts } = useAppStores();
  const check = useCredentials((state) => state.checks[wallet.id]);
  const checking = useCredentials((state) => state.checking[wallet.id] === true);
  const history = useCredentials((state) => state.histories[wallet.id]);
  const hasRotation = useCredentials((state) => state.rotations[wallet.id] !== undefined || state.oldKeyChecks[wallet.id] !== undefined);
  const [tab, setTab] = useRememberedTab<WalletTab>('wallet', 'balances');
  const [dialog, setDialog] = useState<'export' | 'revoke' | null>(null);
  const revoked = wallet.status === 'revoked';
  const status = keyStatePresentation(wallet);
  const latest = history?.value?.verifications[0];
  const name = wallet.provider === 'solana-wallet' ? 'Solana wallet' : 'EVM wallet';

  useEffect(() => {
    void credentials.getState().loadHistory(wallet.id);
  }, [credentials, wallet.id, wallet.lastVerifiedAt, wallet.rotatedAt, wallet.status, wallet.retiredKeyExpiresAt]);

  async function verifyNow() {
    const result = await credentials.getState().verify(wallet.id);
    if (!result.ok) toasts.getState().show('error', result.error.message);
  }

  const tabs: TabItem<WalletTab>[] = [
    // A revoked wallet has no balances read and no settings left: its first tab is its usage.
    { id: 'balances', label: revoked ? 'Usage' : 'Balances', content: <BalancesTab wallet={wallet} /> },
    ...(revoked ? [] : [{ id: 'settings' as const, label: 'Settings', content: <SettingsTab wallet={wallet} name={name} /> }]),
    { id: 'key', label: 'Key', content: <KeyTab wallet={wallet} onExport={() => setDialog('export')} onRevoke={() => setDialog('revoke')} /> },
  ];

  return (
    <>
      <PageHeader
        title={wallet.label}
        description={<>{name} · address <span className="mono">{wallet.preview}</span></>}
        actions={
          <>
            <button type="button" className="button button--secondary" onClick={() => go('wallets')}><ArrowLeft size={16} aria-hidden="true" />Back to wallets</button>
            {revoked ? null : (
              <button type="button" className="button button--primary" onClick={() => void verifyNow()} disabled={checking} aria-busy={checking}>
                <RefreshCw size={16} aria-hidden="true" />{checking ? 'Checking…' : 'Verify'}
              </button>
            )}
          </>
        }
      />
      <div className="key-status">
        <Badge tone="neutral">{walletFamily(wallet.provider)}</Badge>
        <span title={status.meaning}><Badge tone={status.tone}><StatusIcon state={status.state} />{status.label}</Badge></span>
      </div>
      {revoked ? <div className="callout callout--info">This wallet was revoked: Keywarden destroyed its key, and nothing can sign with it through Keywarden. Its funds are still in the wallet, for whoever holds another copy of the key.</div> : null}
      <div role="status" hidden={revoked}>
        {checking ? <p className="busy-line">Checking the wallet…</p> : null}
        {!checking && check ? <VerificationResultView outcome={check.outcome} message={check.message} action={check.action} at={check.verifiedAt} latencyMs={check.latencyMs} tradingBlock={wallet.tradingBlock} /> : null}
        {!checking && !check && latest ? <VerificationResultView outcome={latest.outcome} message={latest.message} action={null} at={latest.at} latencyMs={latest.latencyMs} tradingBlock={wallet.tradingBlock} /> : null}
      </div>

      {!revoked && (wallet.retiredKeyExpiresAt !== null || hasRotation) ? (
        // Above the tabs: funds left at the old address must not hide in a tab.
        <Section title="Move the funds from the old wallet" description="The wallet now uses the new key. Funds do not follow a key: whatever is at the old address stays there until you move it.">
          <WalletOldKeySection wallet={wallet} />
        </Section>
      ) : null}

      <Tabs label={`Sections of ${wallet.label}`} tabs={tabs} selected={tab} onSelect={setTab} />
      {dialog === 'export' ? <ExportKeyDialog wallet={wallet} onClose={() => setDialog(null)} /> : null}
      {dialog === 'revoke' ? <RevokeWalletDialog wallet={wallet} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

function RevokeWalletDialog({ wallet, onClose }: { readonly wallet: CredentialInfo; readonly onClose: () => void }) {
  const revoke = useCredentials((state) => state.revoke);
  return (
    <DestroyCredentialDialog
      credential={wallet}
      onClose={onClose}
      verb="Revoke"
      pastTense="revoked"
      busyLabel="Revoking…"
      run={async (id, openOrders) => {
        const result = await revoke(id, openOrders);
        return result.ok ? { ok: true, value: { label: result.value.credential.label, orders: result.value.orders } } : result;
      }}
      successMessage={({ label }) => `Revoked “${label}”. Its key is destroyed in Keywarden; the funds are still in the wallet.`}
      explanation={() => (
        <>
          <p>
            This destroys Keywarden’s copy of the key of <strong>{wallet.label}</strong> (address <span className="mono">{wallet.preview}</span>) and stops every use of it: programs and checks. <strong>It cannot be undone.</strong>
          </p>
          <p className="muted">
            The funds stay in the wallet: Keywarden never moves funds. If this vault holds the only copy of the key, move the funds or export the key first, or they are lost.
          </p>
        </>
      )}
    />
  );
}

type WalletTab = 'balances' | 'settings' | 'key';

/** The address and what it holds, and how the key was used. */
function BalancesTab({ wallet }: { readonly wallet: CredentialInfo }) {
  return (
    <>
      {wallet.status === 'revoked' ? null : <WalletBalancesSection wallet={wallet} />}
      <Section title="Usage" description="Each check and each program the key is handed to counts as a use.">
        <div className="key-detail__grid">
          <dl className="facts">
            <Fact name="Last used" value={wallet.lastUsedAt === null ? 'Never' : formatDateTime(wallet.lastUsedAt)} />
            <Fact name="Uses" value={String(wallet.useCount)} />
            <Fact name="Last verified" value={wallet.lastVerifiedAt === null ? 'Never' : formatDateTime(wallet.lastVerifiedAt)} />
            <Fact name="Added" value={formatDate(wallet.createdAt)} />
            <Fact name="Last rotated" value={wallet.rotatedAt === null ? 'Never' : formatDateTime(wallet.rotatedAt)} />
          </dl>
          <KeyUsageFacts credential={wallet} />
        </div>
      </Section>
    </>
  );
}

/** Network, RPC node and tokens; the expiry reminder; which programs may ask for the key. */
function SettingsTab({ wallet, name }: { readonly wallet: CredentialInfo; readonly name: string }) {
  return (
    <>
      {isWalletProvider(wallet.provider) ? (
        <Section title="Settings" description="The network the wallet is used on, the RPC node its balances are read from, and the tokens to show. They change without a new key; the wallet is checked again with them.">
          <WalletSettingsSection wallet={wallet} provider={wallet.provider} />
        </Section>
      ) : null}
      <KeyExpirySection credential={wallet} providerName={name} />
      <ProgramAccessSection credential={wallet} />
    </>
  );
}

/** The key's lifecycle and record: rotation, export, its checks, earlier keys, revocation. */
function KeyTab({ wallet, onExport, onRevoke }: { readonly wallet: CredentialInfo; readonly onExport: () => void; readonly onRevoke: () => void }) {
  const history = useCredentials((state) => state.histories[wallet.id]);
  const revoked = wallet.status === 'revoked';
  return (
    <>
      {revoked ? null : (
        <Section title="Rotate to a new wallet" description="Replace this wallet’s key with a new one; its network, RPC node and tokens stay. The new key has its own address: Keywarden shows what is left at the old one, and you move it yourself.">
          <WalletRotateSection wallet={wallet} />
        </Section>
      )}
      {revoked ? null : (
        <Section
          title="Export the private key"
          description="To move this wallet to a hardware wallet or another app: the key is shown once, after you type the vault passphrase again."
          actions={<button type="button" className="button button--secondary" onClick={onExport}><FileKey size={16} aria-hidden="true" />Export private key…</button>}
        >
          <p className="muted small">Every export is written to the audit log.</p>
        </Section>
      )}
      <Section title="Verification history" description="Every check of this wallet, newest first.">
        {history?.error ? <div className="callout callout--danger" role="alert">{history.error.message}</div> : null}
        {history?.value ? <VerificationHistory history={history.value} kind={wallet.kind} /> : null}
        {history === undefined || (history.loading && history.value === null) ? <p className="muted">Loading…</p> : null}
      </Section>
      <Section title="Earlier keys" description="Only fingerprints and dates are kept of the keys this wallet used before.">
        {history?.value ? <EarlierKeys keys={history.value.keys} kind={wallet.kind} /> : <p className="muted">Loading…</p>}
      </Section>
      {revoked ? null : (
        <Section
          title="Revoke this wallet"
          tone="danger"
          description="Destroys Keywarden’s copy of the key and stops every use of it. The record and its history stay. This cannot be undone."
          actions={<button type="button" className="button button--danger-quiet" onClick={onRevoke}><Ban size={16} aria-hidden="true" />Revoke wallet…</button>}
        >
          <p className="muted small">The funds stay in the wallet: Keywarden never moves funds. Move them first, or export the key, if no one else has a copy of it.</p>
        </Section>
      )}
    </>
  );
}
