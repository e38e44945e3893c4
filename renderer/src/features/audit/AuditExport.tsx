/** What the last CSV export did: how many records went to which file, or why none did. */
import { useAudit } from '../../stores/store-hooks';

export function AuditExportResult() {
  const exporting = useAudit((state) => state.exporting);
  if (exporting.state === 'done') {
    return (
      <div className="callout callout--success" role="status">
        <strong>Exported.</strong> {exporting.rows} record{exporting.rows === 1 ? '' : 's'} written to {exporting.file}.
      </div>
    );
  }
  if (exporting.state === 'failed') return <div className="callout callout--danger" role="alert">{exporting.error.message}</div>;
  return null;
}
