/**
 * The funder's pUSD and its positions (polymarket.positions), read fresh on every visit and after
 * every order: the funder in full with a copy button, each position's shares, average and current
 * price and its value now.
 */
import { RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import type { ContractError, CredentialInfo } from '../../api/contract-types';
import { formatAmount, formatUsd } from '../../format/numbers';
import { useTrading } from '../../stores/store-hooks';
import { formatCents, formatPusd } from './polymarket-presentation';
import { loadPositions, type PolymarketPositions } from './polymarket-channels';

export function PositionsSection({ credential }: { readonly credential: CredentialInfo }) {
  const revision = useTrading((state) => state.revision);
  const [state, setState] = useState<{ readonly value: PolymarketPositions | null; readonly error: ContractError | null; readonly loading: boolean }>({ value: null, error: null, loading: true });
  const [again, setAgain] = useState(0);

  useEffect(() => {
    let current = true;
    setState((before) => ({ ...before, loading: true }));
    void loadPositions(credential.id).then((result) => {
      if (!current) return;
      setState(result.ok ? { value: result.value, error: null, loading: false } : { value: null, error: result.error, loading: false });
    });
    return () => {
      current = false;
    };
  }, [credential.id, revision, again]);

  const { value, error, loading } = state;
  return (
    <div className="stack" aria-busy={loading}>
      {error ? <div className="callout callout--warning" role="alert">{error.message}</div> : null}
      {value === null && loading ? <p className="muted" role="status">Reading the funder’s pUSD and positions…</p> : null}
      {value ? (
        <>
          <dl className="facts">
            {value.funder.toLowerCase() === value.signer.toLowerCase() ? null : (
              <div className="facts__row">
                <dt>Signing wallet</dt>
                <dd className="polymarket-address"><span className="mono">{value.signer}</span><CopyButton text={value.signer} what="The signing wallet's address" /></dd>
              </div>
            )}
            <div className="facts__row">
              <dt>{value.funder.toLowerCase() === value.signer.toLowerCase() ? 'Funder (the signing wallet itself)' : 'Funder'}</dt>
              <dd className="polymarket-address"><span className="mono">{value.funder}</span><CopyButton text={value.funder} what="The funder address" /></dd>
            </div>
            <div className="facts__row">
              <dt>pUSD free (Polygon)</dt>
              <dd className="mono" data-testid="pusd">{formatPusd(value.pusd)}</dd>
            </div>
          </dl>
          {value.positions.length === 0 ? <p className="muted">No positions yet.</p> : (
            <div className="table-frame">
              <table className="data-table" aria-label="Positions">
                <thead>
                  <tr>
                    <th scope="col">Market</th>
                    <th scope="col">Outcome</th>
                    <th scope="col" className="data-table__number">Shares</th>
                    <th scope="col" className="data-table__number">Average price</th>
                    <th scope="col" className="data-table__number">Price now</th>
                    <th scope="col" className="data-table__number">Value now</th>
                  </tr>
                </thead>
                <tbody>
                  {value.positions.map((position) => (
                    <tr key={position.tokenId} aria-label={`${position.title ?? position.slug ?? position.tokenId} · ${position.outcome ?? ''}`}>
                      <td>{position.title ?? position.slug ?? <span className="mono">{position.tokenId}</span>}</td>
                      <td>{position.outcome ?? '—'}</td>
                      <td className="data-table__number mono">{formatAmount(position.size)}</td>
                      <td className="data-table__number mono">{formatCents(position.averagePrice)}</td>
                      <td className="data-table__number mono">{formatCents(position.currentPrice)}</td>
                      <td className="data-table__number mono">{position.currentPrice === null ? '—' : formatUsd(position.size * position.currentPrice)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      <div className="form-actions form-actions--start">
        <button type="button" className="button button--secondary button--small" onClick={() => setAgain((value) => value + 1)} disabled={loading}><RefreshCw size={14} aria-hidden="true" />Reload</button>
      </div>
    </div>
  );
}
