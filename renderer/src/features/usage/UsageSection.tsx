/**
 * How the AI keys were used over a period (usage.report): per key, its uses by what used it with
 * the failures, the tokens and cost the AI gateway recorded, and when it last worked; then the keys
 * nobody used in that period, each with a way to revoke it.
 */
import { Ban } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Section } from '../../components/Section';
import { formatDate, formatDateTime } from '../../format/dates';
import { selectCredentialById } from '../../stores/credentials-store';
import { useAppStores, useCredentials, useUsage } from '../../stores/store-hooks';
import { usagePeriods } from '../../stores/usage-store';
import { RevokeCredentialDialog } from '../accounts/RevokeCredentialDialog';
import { useProviderName } from '../accounts/use-provider-name';
import { aiUsageLines, costText, tokensText, unusedAmong, useSourcesOf, usesText } from './usage-presentation';
import type { KeyUsageLine, UnusedKey } from '../../api/contract-types';

const aiUseSources = useSourcesOf('ai');

export function UsageSection({ aiKeyIds }: { readonly aiKeyIds: ReadonlySet<string> }) {
  const { usage } = useAppStores();
  const { days, report, loading, error } = useUsage(useShallow((state) => ({ days: state.days, report: state.report, loading: state.loading, error: state.error })));
  const [revokingId, setRevokingId] = useState<string | null>(null);
  const revoking = useCredentials(selectCredentialById(revokingId));
  const periodId = useId();

  // Fresh on every visit: checks, programs and the gateway use keys all the time.
  useEffect(() => {
    void usage.getState().load();
  }, [usage]);

  const lines = report ? aiUsageLines(report) : [];
  const unused = report ? unusedAmong(report, aiKeyIds) : [];
  return (
    <>
      <Section
        title="Usage"
        description={<>Each key’s uses in the last {days} days, by what used it. Tokens and cost are those of calls through the AI gateway, priced from its table.</>}
        actions={
          <span className="toolbar">
            <label className="toolbar__label" htmlFor={periodId}>Period</label>
            <select id={periodId} className="input select select--small" value={days} onChange={(event) => void usage.getState().load(Number(event.currentTarget.value))}>
              {usagePeriods.map((period) => <option key={period} value={period}>Last {period} days</option>)}
            </select>
          </span>
        }
      >
        {error ? <div className="callout callout--danger" role="alert">{error.message}</div> : null}
        <div className="table-frame table-frame--flat" aria-busy={loading}>
          <table className="data-table usage-table">
            <caption className="visually-hidden">Uses of each AI key in the last {days} days</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                {aiUseSources.map((entry) => <th key={entry.source} scope="col" title={entry.detail}>{entry.label}</th>)}
                <th scope="col">Tokens</th>
                <th scope="col">Cost</th>
                <th scope="col">Last used</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => <UsageRow key={line.id} line={line} />)}
            </tbody>
          </table>
          {report === null && loading ? <p className="table-frame__empty muted" role="status">Loading usage…</p> : null}
        </div>
      </Section>

      <Section
        title={`Not used in ${days} days`}
        description="Keys that have not worked for anything in that time, added before it. A key nobody uses is only a risk: revoke it here, and delete it at its provider."
      >
        {report !== null && unused.length === 0 ? <p className="muted">No AI key has gone unused for {days} days.</p> : null}
        {unused.length > 0 ? (
          <ul className="unused-keys" aria-label={`AI keys not used in ${days} days`}>
            {unused.map((key) => <UnusedRow key={key.id} unusedKey={key} onRevoke={setRevokingId} />)}
          </ul>
        ) : null}
      </Section>
      {revoking ? <RevokeCredentialDialog credential={revoking} onClose={() => setRevokingId(null)} /> : null}
    </>
  );
}

function UsageRow({ line }: { readonly line: KeyUsageLine }) {
  const providerName = useProviderName(line.provider);
  return (
    <tr>
      <th scope="row">
        <span className="usage-table__label">{line.label}</span>
        <span className="usage-table__provider muted">{providerName}{line.status === 'revoked' ? ' · revoked' : ''}</span>
      </th>
      {aiUseSources.map((entry) => <td key={entry.source} className="data-table__nowrap">{usesText(line[entry.source])}</td>)}
      <td className="data-table__nowrap">{tokensText(line)}</td>
      <td className="data-table__nowrap">{costText(line.costUsd)}</td>
      <td className="data-table__nowrap">{line.lastUsedAt === null ? <span className="muted">Never</span> : formatDateTime(line.lastUsedAt)}</td>
    </tr>
  );
}

function UnusedRow({ unusedKey, onRevoke }: { readonly unusedKey: UnusedKey; readonly onRevoke: (id: string) => void }) {
  const providerName = useProviderName(unusedKey.provider);
  return (
    <li className="unused-keys__item">
      <div className="unused-keys__text">
        <span className="unused-keys__label">{unusedKey.label}</span>
        <span className="muted small">
          {providerName} · {unusedKey.lastUsedAt === null ? `never used (added ${formatDate(unusedKey.createdAt)})` : `last used ${formatDate(unusedKey.lastUsedAt)}`}
        </span>
      </div>
      <button type="button" className="button button--danger-quiet button--small" onClick={() => onRevoke(unusedKey.id)} aria-label={`Revoke ${unusedKey.label}`}>
        <Ban size={14} aria-hidden="true" />Revoke…
      </button>
    </li>
  );
}
