/** The audit log: who did what and when, filterable, with a check that no record was altered. */
import { useEffect, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTimeSeconds } from '../../format/dates';
import { useAppStores, useAudit } from '../../stores/store-hooks';
import { actionLabel, actorLabels, auditFilters, detailPairs, outcomeLabels } from './audit-presentation';
import { AuditIntegrityResult } from './AuditIntegrity';

export function AuditPage() {
  const { audit } = useAppStores();
  const { records, actionPrefix, loading, hasMore, loadError, verifying } = useAudit(
    useShallow((state) => ({ records: state.records, actionPrefix: state.actionPrefix, loading: state.loading, hasMore: state.hasMore, loadError: state.loadError, verifying: state.verifying })),
  );
  const firstBadSeq = useAudit((state) => (state.integrity?.ok === false ? state.integrity.firstBadSeq : null));
  const filterId = useId();

  // Fresh on every visit: actions elsewhere in the app add records.
  useEffect(() => {
    void audit.getState().load(audit.getState().actionPrefix);
  }, [audit]);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every vault and key operation, newest first. Records are hash-chained, so an edited or deleted record is detected."
        actions={
          <button type="button" className="button button--secondary" disabled={verifying} aria-busy={verifying} onClick={() => void audit.getState().verify()}>
            {verifying ? 'Verifying…' : 'Verify integrity'}
          </button>
        }
      />
      <AuditIntegrityResult />
      <div className="toolbar">
        <label className="toolbar__label" htmlFor={filterId}>Show</label>
        <select id={filterId} className="input select" value={actionPrefix} onChange={(event) => void audit.getState().load(event.currentTarget.value)}>
          {auditFilters.map((filter) => <option key={filter.prefix} value={filter.prefix}>{filter.label}</option>)}
        </select>
        <span className="toolbar__count muted" aria-live="polite">{loading ? 'Loading…' : `${records.length}${hasMore ? '+' : ''} record${records.length === 1 ? '' : 's'}`}</span>
      </div>
      {loadError ? <div className="callout callout--danger" role="alert">{loadError.message}</div> : null}
      <div className="table-frame">
        <table className="data-table audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
              <th scope="col">By</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <tr key={record.seq} className={record.seq === firstBadSeq ? 'audit-table__row--bad' : undefined}>
                <td className="audit-table__when">{formatDateTimeSeconds(record.at)}</td>
                <td>
                  <span className="audit-table__action">{actionLabel(record)}</span>
                  <span className="audit-table__code mono">#{record.seq} · {record.action}</span>
                </td>
                <td>
                  <dl className="audit-details">
                    {detailPairs(record).map(([name, value]) => (
                      <div key={name} className="audit-details__pair">
                        <dt>{name}</dt>
                        <dd>{value}</dd>
                      </div>
                    ))}
                  </dl>
                </td>
                <td className="audit-table__actor">{actorLabels[record.actor]}</td>
                <td>
                  <Badge tone={record.outcome === 'ok' ? 'success' : record.outcome === 'denied' ? 'warning' : 'danger'}>{outcomeLabels[record.outcome]}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && records.length === 0 && !loadError ? <p className="table-frame__empty muted">No records match this filter.</p> : null}
      </div>
      {hasMore ? (
        <div className="form-actions">
          <button type="button" className="button button--secondary" disabled={loading} onClick={() => void audit.getState().loadOlder()}>Show older records</button>
        </div>
      ) : null}
    </>
  );
}
