/** Past verifications of a key, newest first, and the fingerprints of the keys it used before. */
import { Badge } from '../../components/Badge';
import { ToneIcon } from '../../components/StatusIcon';
import type { CredentialHistory, CredentialKind } from '../../api/contract-types';
import { formatDate, formatDateTimeSeconds } from '../../format/dates';
import { outcomePresentation } from './verification-presentation';

export function VerificationHistory({ history, kind }: { readonly history: CredentialHistory; readonly kind: CredentialKind }) {
  if (history.verifications.length === 0) return <p className="muted">No verification yet.</p>;
  return (
    <div className="table-frame table-frame--flat">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Result</th>
            <th scope="col">{kind === 'exchange' ? 'What the exchange said' : kind === 'wallet' ? 'What the check found' : kind === 'polymarket' ? 'What Polymarket said' : 'What the provider said'}</th>
            <th scope="col" className="data-table__number">Took</th>
          </tr>
        </thead>
        <tbody>
          {history.verifications.map((record) => (
            <tr key={`${record.at}-${record.outcome}`}>
              <td className="data-table__nowrap muted">{formatDateTimeSeconds(record.at)}</td>
              <td><Badge tone={outcomePresentation[record.outcome].tone}><ToneIcon tone={outcomePresentation[record.outcome].tone} />{outcomePresentation[record.outcome].label}</Badge></td>
              <td>{record.message}</td>
              <td className="data-table__number muted">{record.latencyMs} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EarlierKeys({ keys, kind }: { readonly keys: CredentialHistory['keys']; readonly kind: CredentialKind }) {
  if (keys.length === 0) return <p className="muted">{kind === 'exchange' ? 'This account has never been rotated: it still uses its first key.' : 'This key has never been rotated: it is still the first one.'}</p>;
  return (
    <ul className="earlier-keys" aria-label="Earlier keys">
      {keys.map((key) => (
        <li key={`${key.fingerprint}-${key.retiredAt}`} className="earlier-keys__item">
          <span className="mono">{key.fingerprint}</span>
          <span className="muted small">in use {formatDate(key.activeFrom)} – {formatDate(key.retiredAt)}</span>
        </li>
      ))}
    </ul>
  );
}
