/**
 * One key in full: what it may do, how it has been used, its expiry date, every check of it, the
 * keys it used before, and the two serious operations: rotating to a new key (checked first) and
 * revoking it. An AI key's page has nothing of trading (permissions, withdrawals, blocks) and
 * leads back to "AI keys".
 */
import { Badge } from '../../components/Badge';
import { StatusIcon } from '../../components/StatusIcon';
import { PageHeader } from '../../components/PageHeader';
import type { CredentialInfo } from '../../api/contract-types';
import { selectCredentialById } from '../../stores/credentials-store';
import { keyListView } from '../../stores/navigation-store';
import { useAppStores, useCredentials, useNavigation } from '../../stores/store-hooks';
import { keyStatePresentation, statusExplanation } from './credential-presentation';
import { KeyDetailSections } from './KeyDetailSections';
import { TradingBlockCallout } from './TradingBlockCallout';
import { useProviderName } from './use-provider-name';
import { credentialWarnings, ipDangerBadge } from './verification-presentation';
import { IpNotAllowedHelp } from './IpNotAllowedHelp';
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
  const { credentials, toasts } = useAppStores();
  const revoked = credential.status === 'revoked';
  const trades = credential.kind === 'exchange';
  const status = keyStatePresentation(credential);
  const latest = history?.value?.verifications[0];


  async function verifyNow() {
    const result = await credentials.getState().verify(credential.id);
    if (!result.ok) toasts.getState().show('error', result.error.message);
  }


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
        <span title={status.meaning}><Badge tone={status.tone}><StatusIcon state={status.state} />{status.label}</Badge></span>
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
        {!checking && check ? <VerificationResultView outcome={check.outcome} message={check.message} action={check.action} at={check.verifiedAt} latencyMs={check.latencyMs} tradingBlock={credential.tradingBlock} /> : null}
        {!checking && check?.outcome === 'ip-not-allowed' ? <IpNotAllowedHelp provider={credential.provider} exchangeName={providerName} seenIp={check.seenIp} /> : null}
        {!checking && !check && latest ? <VerificationResultView outcome={latest.outcome} message={latest.message} action={null} at={latest.at} latencyMs={latest.latencyMs} tradingBlock={credential.tradingBlock} /> : null}
      </div>
      {revoked ? null : <KeyWarnings warnings={check ? check.warnings : credentialWarnings(credential, providerName, Date.now())} />}

      <KeyDetailSections credential={credential} providerName={providerName} />
    </>
  );
}
