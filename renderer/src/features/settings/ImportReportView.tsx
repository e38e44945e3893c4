/**
 * What an import did, or would do in a check: each key and what it became, settings and alert
 * sources restored or kept (and what to review), listener settings the backup would widen (with a
 * box to choose each, in a check), next steps.
 */
import type { ExposureSetting, ImportReport } from '../../stores/backup-store';

const RESULT_TEXT: Record<ImportReport['credentials'][number]['result'], string> = {
  imported: 'added',
  renamed: 'added under another name',
  'skipped-duplicate': 'already in the vault: skipped',
};

interface ImportReportViewProps {
  readonly report: ImportReport;
  /** In a check: the widening listener settings ticked to apply, and how to tick one. */
  readonly chosenSettings?: readonly ExposureSetting[] | undefined;
  readonly onChooseSetting?: ((setting: ExposureSetting, apply: boolean) => void) | undefined;
}

export function ImportReportView({ report, chosenSettings, onChooseSetting }: ImportReportViewProps) {
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
      {report.settings.filter((setting) => setting.review).map((setting) => (
        <p key={`review-${setting.name}`} className="small import-report__review">Review {setting.name}: {setting.review}</p>
      ))}
      {report.listenerExposure.length > 0 ? (
        <fieldset className="stack import-report__exposure">
          <legend className="small">Listener settings in the backup that let more in than this vault's. Each is applied only if you choose it{report.dryRun ? ', then Restore' : ''}:</legend>
          {report.listenerExposure.map((change) => {
            const text = `${change.name}: ${change.current} → ${change.backup}`;
            if (!onChooseSetting) return <p key={change.setting} className="small">{text} ({change.applied ? 'applied' : 'kept this vault\'s value'})</p>;
            return (
              <label key={change.setting} className="checkbox">
                <input type="checkbox" checked={chosenSettings?.includes(change.setting) ?? false} onChange={(event) => onChooseSetting(change.setting, event.currentTarget.checked)} />
                Apply {text}
              </label>
            );
          })}
        </fieldset>
      ) : null}
      {report.ignored.length > 0 ? <p className="small">Not imported: {report.ignored.join(', ')}.</p> : null}
      {report.nextSteps.map((step) => (
        <p key={step} className="small import-report__step">{step}</p>
      ))}
    </div>
  );
}
