/** What an import did, or would do in a check: each key and what it became, settings and alert sources restored or kept, next steps. */
import type { ImportReport } from '../../stores/backup-store';

const RESULT_TEXT: Record<ImportReport['credentials'][number]['result'], string> = {
  imported: 'added',
  renamed: 'added under another name',
  'skipped-duplicate': 'already in the vault: skipped',
};

export function ImportReportView({ report }: { readonly report: ImportReport }) {
  const added = report.imported + report.renamed;
  const headline = report.dryRun
    ? `Check only, nothing changed: ${added} key${added === 1 ? '' : 's'} would be added, ${report.skipped} skipped.`
    : `${added} key${added === 1 ? '' : 's'} added, ${report.skipped} skipped.`;
  return (
    <div className="inset-box" role="status" aria-label="Import report">
      <p className="import-report__headline">{headline}</p>
      {report.credentials.length > 0 ? (
        <ul className="import-report__list">
          {report.credentials.map((credential) => (
            <li key={`${credential.label}|${credential.provider}|${credential.environment}`}>
              <strong>{credential.label}</strong> ({credential.provider}, {credential.environment}): {RESULT_TEXT[credential.result]}
              {credential.result === 'renamed' && credential.storedAs ? ` as "${credential.storedAs}"` : ''}
              {credential.result === 'skipped-duplicate' && credential.duplicateOf ? ` (same key as "${credential.duplicateOf}")` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {report.settings.some((setting) => setting.result === 'restored') ? (
        <p className="small">{report.dryRun ? 'Would restore' : 'Restored'}: {report.settings.filter((setting) => setting.result === 'restored').map((setting) => setting.name).join(', ')}.</p>
      ) : null}
      {report.settings.some((setting) => setting.result === 'kept') ? (
        <p className="small">Kept this vault's own value for: {report.settings.filter((setting) => setting.result === 'kept').map((setting) => setting.name).join(', ')}.</p>
      ) : null}
      {report.ignored.length > 0 ? <p className="small">Not imported: {report.ignored.join(', ')}.</p> : null}
      {report.nextSteps.map((step) => (
        <p key={step} className="small import-report__step">{step}</p>
      ))}
    </div>
  );
}
