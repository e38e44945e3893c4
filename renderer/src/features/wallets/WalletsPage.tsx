/**
 * The bot wallets (issue 18): each wallet's label, EVM or Solana, its address (the preview cut from
 * it: never anything of the key), its status and what its last check found; adding one. Each
 * wallet's balances, export and rotation are on its own page.
 */
import { ArrowRight, Plus } from 'lucide-react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { StatusIcon, ToneIcon } from '../../components/StatusIcon';
import type { CredentialInfo } from '../../api/contract-types';
import { formatDateTime } from '../../format/dates';
import { useAppStores, useCredentials, useNavigation } from '../../stores/store-hooks';
import { keyStatePresentation } from '../accounts/credential-presentation';
import { checkBadge } from '../accounts/verification-presentation';
import { walletFamily } from './wallet-presentation';

export function WalletsPage() {
  const go = useNavigation((state) => state.go);
  const items = useCredentials(useShallow((state) => state.items.filter((item) => item.kind === 'wallet')));
  const { loaded, loadError } = useCredentials(useShallow((state) => ({ loaded: state.loaded, loadError: state.loadError })));

  return (
    <>
      <PageHeader
        title="Wallets"
        description="The EVM and Solana wallets your bots sign with. Their keys are stored encrypted; only the addresses derived from them are shown. Keywarden never moves funds."
        actions={items.length > 0 ? <button type="button" className="button button--primary" onClick={() => go('add-wallet')}><Plus size={16} aria-hidden="true" />Add wallet</button> : null}
      />
      {loadError ? <div className="callout callout--danger" role="alert">{loadError.message}</div> : null}
      {!loaded && !loadError ? <p className="muted" role="status">Loading your wallets…</p> : null}
      {loaded && items.length === 0 ? (
        <section className="empty-state" aria-labelledby="no-wallets-title">
          <h2 className="empty-state__title" id="no-wallets-title">No wallets yet</h2>
          <p className="empty-state__text">
            A bot wallet is a wallet of its own for a trading bot: an EVM key for Ethereum, Polygon, Base and the other EVM chains, or a Solana key. Keep only what the bot needs in it. Keywarden keeps the key sealed, hands it only to the programs you allow, shows its balances and never moves its funds.
          </p>
          <button type="button" className="button button--primary" onClick={() => go('add-wallet')}><Plus size={16} aria-hidden="true" />Add your first wallet</button>
        </section>
      ) : null}
      {items.length > 0 ? (
        <ul className="credential-list" aria-label="Wallets">
          {items.map((item) => <li key={item.id}><WalletCard wallet={item} /></li>)}
        </ul>
      ) : null}
    </>
  );
}

function WalletCard({ wallet }: { readonly wallet: CredentialInfo }) {
  const openKey = useNavigation((state) => state.openKey);
  const { credentials } = useAppStores();
  const check = useCredentials((state) => state.checks[wallet.id]);
  const latest = useCredentials((state) => state.histories[wallet.id]?.value?.verifications[0]);
  const status = keyStatePresentation(wallet);
  const titleId = `wallet-${wallet.id}-title`;
  const last = check ? { outcome: check.outcome, message: check.message, at: check.verifiedAt } : latest ? { outcome: latest.outcome, message: latest.message, at: latest.at } : null;

  // The last check's outcome comes from the wallet's history, fetched when it last changed.
  useEffect(() => {
    void credentials.getState().loadHistory(wallet.id);
  }, [credentials, wallet.id, wallet.lastVerifiedAt, wallet.rotatedAt]);

  return (
    <article className="credential" aria-labelledby={titleId}>
      <div className="credential__head">
        <span className="exchange-initial" aria-hidden="true">{wallet.provider === 'solana-wallet' ? 'S' : 'E'}</span>
        <div className="credential__identity">
          <h2 className="credential__label" id={titleId}>{wallet.label}</h2>
          <p className="credential__exchange">{wallet.provider === 'solana-wallet' ? 'Solana wallet' : 'EVM wallet'}</p>
        </div>
        <div className="credential__badges">
          <Badge tone="neutral">{walletFamily(wallet.provider)}</Badge>
          <span title={status.meaning}><Badge tone={status.tone}><StatusIcon state={status.state} />{status.label}</Badge></span>
          {wallet.retiredKeyExpiresAt !== null && wallet.status !== 'revoked' ? <Badge tone="warning">Old wallet kept</Badge> : null}
        </div>
      </div>
      <dl className="credential__facts">
        <div className="credential__fact">
          <dt>Address</dt>
          <dd className="mono">{wallet.preview}</dd>
        </div>
        <div className="credential__fact credential__fact--wide">
          <dt>Last check</dt>
          <dd>
            {last === null ? <span className="muted">{wallet.lastVerifiedAt === null ? 'Never checked' : formatDateTime(wallet.lastVerifiedAt)}</span> : (
              <>
                <Badge tone={checkBadge(last.outcome, wallet.tradingBlock).tone}><ToneIcon tone={checkBadge(last.outcome, wallet.tradingBlock).tone} />{checkBadge(last.outcome, wallet.tradingBlock).label}</Badge>{' '}
                <span className="muted small">{formatDateTime(last.at)} · {last.message}</span>
              </>
            )}
          </dd>
        </div>
      </dl>
      <div className="credential__foot">
        <p className="credential__status-note" />
        <div className="credential__actions">
          <button type="button" className="button button--secondary button--small" onClick={() => openKey(wallet.id, 'wallet')} aria-label={`Open ${wallet.label}`}>
            <ArrowRight size={14} aria-hidden="true" />Open
          </button>
        </div>
      </div>
    </article>
  );
}
