/** "Verify integrity": re-checks the hash chain and says plainly whether the log is intact. */
import { useAudit } from '../../stores/store-hooks';

export function AuditIntegrityResult() {
  const integrity = useAudit((state) => state.integrity);
  if (integrity === null) return null;
  if (integrity.ok) {
    return (
      <div className="callout callout--success" role="status">
        <strong>Intact.</strong> All {integrity.rows} record{integrity.rows === 1 ? '' : 's'} check out: none was edited, deleted or reordered.
      </div>
    );
  }
  return (
    <div className="callout callout--danger" role="alert">
      <strong>The audit log was tampered with.</strong> {integrity.message} The first altered record is marked below.
    </div>
  );
}
