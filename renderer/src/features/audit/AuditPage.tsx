/** The audit log: what was done, to which key, and how it ended, as sentences; filters, search, CSV export, and a check that no record was altered. */
import { Download, ShieldCheck } from 'lucide-react';
import { useEffect, useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AccountPicker } from '../../components/AccountPicker';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTimeSeconds } from '../../format/dates';
import type { AuditFilter } from '../../api/contract-types';
import { useAppStores, useAudit, useCredentials, useExchanges } from '../../stores/store-hooks';
import { auditKeyChoices } from './audit-key-choices';
import { actorWords, dayEnd, dayStart, kindOptions, outcomeTone, outcomeWords } from './audit-presentation';
import { AuditIntegrityResult } from './AuditIntegrity';
import { AuditExportResult } from './AuditExport';
import './audit-page.css';

interface FilterForm {
  readonly key: string;
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  readonly search: string;
}

function toFilter(form: FilterForm): AuditFilter {
  const since = dayStart(form.from);
  const until = dayEnd(form.to);
  return {
    ...(form.key ? { key: form.key } : {}),
    ...(form.kind ? { kind: form.kind as NonNullable<AuditFilter['kind']> } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(form.search.trim() ? { search: form.search.trim() } : {}),
  };
}

export function AuditPage() {
  const { audit } = useAppStores();
  const { lines, loading, nextBeforeSeq, loadError, verifying, exporting } = useAudit(
    useShallow((state) => ({ lines: state.lines, loading: state.loading, nextBeforeSeq: state.nextBeforeSeq, loadError: state.loadError, verifying: state.verifying, exporting: state.exporting.state === 'running' })),
  );
  // The stored items themselves: a selector building new objects would re-render forever.
  const keys = useCredentials((state) => state.items);
  const exchanges = useExchanges((state) => state.list);
  const keyChoices = useMemo(() => auditKeyChoices(keys, exchanges), [keys, exchanges]);
  const firstBadSeq = useAudit((state) => (state.integrity?.ok === false ? state.integrity.firstBadSeq : null));
  const [form, setForm] = useState<FilterForm>({ key: '', kind: '', from: '', to: '', search: '' });
  const ids = { key: useId(), kind: useId(), from: useId(), to: useId(), search: useId() };

  // Fresh on every visit and every change of a filter: actions elsewhere in the app add records.
  useEffect(() => {
    void audit.getState().load(toFilter(form));
  }, [audit, form]);

  const change = (name: keyof FilterForm) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setForm((current) => ({ ...current, [name]: value }));
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Everything done with the vault and your keys, newest first. Records are chained together, so an edited or deleted record is found."
        actions={
          <>
            <button type="button" className="button button--secondary" disabled={exporting} aria-busy={exporting} onClick={() => void audit.getState().exportCsv()}>
              <Download size={16} aria-hidden="true" />{exporting ? 'Exporting…' : 'Export CSV'}
            </button>
            <button type="button" className="button button--secondary" disabled={verifying} aria-busy={verifying} onClick={() => void audit.getState().verify()}>
              <ShieldCheck size={16} aria-hidden="true" />{verifying ? 'Verifying…' : 'Verify integrity'}
            </button>
          </>
        }
      />
      <AuditIntegrityResult />
      <AuditExportResult />
      <form className="audit-filters" role="search" aria-label="Filter the audit log" onSubmit={(event) => event.preventDefault()}>
        <div className="audit-filters__field audit-filters__field--key">
          <label htmlFor={ids.key}>Key</label>
          {/* "All keys" is the picker's first choice (audit-key-choices.ts): picking it clears the filter. */}
          <AccountPicker id={ids.key} accounts={keyChoices} value={form.key} onChange={(key) => setForm((current) => ({ ...current, key }))} />
        </div>
        <div className="audit-filters__field">
          <label htmlFor={ids.kind}>Kind</label>
          <select id={ids.kind} className="input select" value={form.kind} onChange={change('kind')}>
            {kindOptions.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </select>
        </div>
        <div className="audit-filters__field">
          <label htmlFor={ids.from}>From</label>
          <input id={ids.from} className="input" type="date" value={form.from} max={form.to || undefined} onChange={change('from')} />
        </div>
        <div className="audit-filters__field">
          <label htmlFor={ids.to}>To</label>
          <input id={ids.to} className="input" type="date" value={form.to} min={form.from || undefined} onChange={change('to')} />
        </div>
        <div className="audit-filters__field audit-filters__field--grow">
          <label htmlFor={ids.search}>Search</label>
          <input id={ids.search} className="input" type="search" value={form.search} placeholder="Words in the record, a key's name…" onChange={change('search')} />
        </div>
      </form>
      <p className="toolbar__count muted" aria-live="polite">{loading ? 'Loading…' : `${lines.length}${nextBeforeSeq !== null ? '+' : ''} record${lines.length === 1 ? '' : 's'}`}</p>
      {loadError ? <div className="callout callout--danger" role="alert">{loadError.message}</div> : null}
      <div className="table-frame">
        <table className="data-table audit-table">
          <colgroup>
            <col className="audit-table__col-when" />
            <col />
            <col className="audit-table__col-key" />
            <col className="audit-table__col-result" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What happened</th>
              <th scope="col">Key</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.seq} className={line.seq === firstBadSeq ? 'audit-table__row--bad' : undefined}>
                <td className="audit-table__when">{formatDateTimeSeconds(line.at)}</td>
                <td className="audit-table__what">
                  <span className="audit-table__sentence">{line.sentence}</span>
                  <span className="audit-table__by">by {actorWords[line.actor]}</span>
                </td>
                <td className="audit-table__key">{line.keyLabel ?? '—'}{line.keyDeleted ? <span className="audit-table__by"> (deleted)</span> : null}</td>
                <td className="audit-table__result">
                  <Badge tone={outcomeTone(line.outcome)}>{outcomeWords[line.outcome]}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && lines.length === 0 && !loadError ? <p className="table-frame__empty muted">No records match these filters.</p> : null}
      </div>
      {nextBeforeSeq !== null ? (
        <div className="form-actions">
          <button type="button" className="button button--secondary" disabled={loading} onClick={() => void audit.getState().loadOlder()}>Show older records</button>
        </div>
      ) : null}
    </>
  );
}
