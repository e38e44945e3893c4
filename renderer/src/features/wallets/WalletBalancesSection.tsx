/**
 * A wallet's address in full (with a Copy button), the network its RPC node serves, and what it
 * holds: the native coin and each token it lists, with "not a token" for an address that does not
 * answer like one. Read from the core (wallets.balances) on every visit and on "Refresh"; a wallet
 * without an RPC URL is never sent to the network, and says so.
 */
import { RefreshCw } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { Section } from '../../components/Section';
import type { ContractError, CredentialInfo } from '../../api/contract-types';
import { loadWalletBalances, type WalletBalances } from './wallet-channels';
import { networkLabel } from './wallet-presentation';

type Loaded = { readonly state: 'loading'; readonly last: WalletBalances | null } | { readonly state: 'loaded'; readonly value: WalletBalances } | { readonly state: 'failed'; readonly error: ContractError };

export function WalletBalancesSection({ wallet }: { readonly wallet: CredentialInfo }) {
  const [balances, setBalances] = useState<Loaded>({ state: 'loading', last: null });

  const load = useCallback(async (isCurrent: () => boolean = () => true) => {
    setBalances((current) => ({ state: 'loading', last: current.state === 'loaded' ? current.value : current.state === 'loading' ? current.last : null }));
    const result = await loadWalletBalances(wallet.id);
    if (!isCurrent()) return;
    setBalances(result.ok ? { state: 'loaded', value: result.value } : { state: 'failed', error: result.error });
  }, [wallet.id]);

  // Again after a rotation (the address changed), a change of settings (another node or tokens) and a check.
  useEffect(() => {
    let current = true;
    void load(() => current);
    return () => {
      current = false;
    };
  }, [load, wallet.rotatedAt, wallet.updatedAt, wallet.lastVerifiedAt]);

  const shown = balances.state === 'loaded' ? balances.value : balances.state === 'loading' ? balances.last : null;
  const loading = balances.state === 'loading';

  return (
    <Section
      title="Address and balances"
      description="The address Keywarden derived from the key, and what the wallet holds, read from its RPC node. Only the address is sent to the node."
      actions={<button type="button" className="button button--secondary button--small" onClick={() => void load()} disabled={loading} aria-busy={loading}><RefreshCw size={14} aria-hidden="true" />{loading ? 'Refreshing…' : 'Refresh'}</button>}
    >
      <div className="stack">
        {balances.state === 'failed' ? <div className="callout callout--danger" role="alert">{balances.error.message}</div> : null}
        {shown === null && loading ? <p className="muted" role="status">Reading the wallet…</p> : null}
        {shown !== null ? (
          <>
            <dl className="facts">
              <div className="facts__row">
                <dt>Address</dt>
                <dd>
                  <span className="keys-page">
                    <span className="mono keys-page__address" data-testid="wallet-address">{shown.address}</span>
                    <CopyButton text={shown.address} what="The wallet address" label="Copy" />
                  </span>
                </dd>
              </div>
              <div className="facts__row">
                <dt>Network</dt>
                <dd>{shown.check.outcome === 'ok' ? networkLabel(shown.check.network) : <span className="muted">{shown.check.outcome === 'no-rpc' ? 'Unknown: no RPC URL is set' : 'Not read'}</span>}</dd>
              </div>
            </dl>
            <div role="status">
              <BalancesView balances={shown} />
            </div>
          </>
        ) : null}
      </div>
    </Section>
  );
}

function BalancesView({ balances }: { readonly balances: WalletBalances }) {
  const { check } = balances;
  if (check.outcome === 'no-rpc') {
    return <p className="callout callout--info">{check.message}</p>;
  }
  if (check.outcome !== 'ok') {
    const title = check.outcome === 'wrong-chain' ? 'The RPC node serves another network' : check.outcome === 'key-mismatch' ? 'The stored key does not match the stored address' : 'The balances could not be read';
    return (
      <div className={`callout ${check.outcome === 'key-mismatch' ? 'callout--danger' : 'callout--warning'}`}>
        <p className="callout__title">{title}</p>
        <p>{check.message}</p>
      </div>
    );
  }
  return (
    <div className="table-frame table-frame--flat">
      <table className="data-table" aria-label={`Balances on ${check.network.name}`}>
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col">Amount</th>
            <th scope="col">{'chainId' in check.network ? 'Contract' : 'Mint'}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{check.native.symbol} <span className="muted small">(native)</span></td>
            <td className="mono">{check.native.amount}</td>
            <td className="muted">—</td>
          </tr>
          {check.tokens.map((token) => (
            <tr key={token.token}>
              <td>{token.problem === 'not-a-token' ? <span className="muted">Not a token</span> : (token.symbol ?? <span className="muted">Unnamed token</span>)}</td>
              <td className="mono">{token.problem === 'not-a-token' ? <span className="muted">—</span> : (token.amount ?? '—')}</td>
              <td className="mono small">{token.token}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
