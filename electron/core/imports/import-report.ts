/** The report every import gives (backup file or .env file), built from the store's per-credential results. */
import type { CredentialImportResult } from '../credentials/credential-transfer';
import type { ExposureChange, ImportReport, ImportedCredential, RestoredSetting } from '../backup/backup-schema';

export const VERIFY_AFTER_IMPORT = 'Imported keys are unverified: check them with Verify all on the Accounts page (keywarden verify --all in the CLI).';

export function buildReport(input: {
  source: ImportReport['source'];
  file: string;
  dryRun: boolean;
  backupCreatedAt: number | null;
  results: readonly CredentialImportResult[];
  entries: readonly { provider: string; environment: ImportedCredential['environment'] }[];
  settings: readonly RestoredSetting[];
  listenerExposure?: readonly ExposureChange[];
  ignored: readonly string[];
  nextSteps?: readonly string[];
}): ImportReport {
  const credentials: ImportedCredential[] = input.results.map((result, i) => {
    const entry = input.entries[i]!;
    const base = { label: result.label, provider: entry.provider, environment: entry.environment };
    if (result.outcome === 'duplicate') return { ...base, result: 'skipped-duplicate', storedAs: null, id: null, duplicateOf: result.existingLabel, primary: false };
    return { ...base, result: result.storedLabel === result.label ? 'imported' : 'renamed', storedAs: result.storedLabel, id: input.dryRun ? null : result.id, duplicateOf: null, primary: result.isPrimary };
  });
  const counts = countResults(input.results);
  const nextSteps = [...(counts.imported > 0 ? [VERIFY_AFTER_IMPORT] : []), ...(input.nextSteps ?? [])];
  return { source: input.source, file: input.file, dryRun: input.dryRun, backupCreatedAt: input.backupCreatedAt, credentials, ...counts, settings: [...input.settings], listenerExposure: [...(input.listenerExposure ?? [])], ignored: [...input.ignored], nextSteps };
}

export function countResults(results: readonly CredentialImportResult[]): { imported: number; renamed: number; skipped: number } {
  let imported = 0;
  let renamed = 0;
  let skipped = 0;
  for (const result of results) {
    if (result.outcome === 'duplicate') skipped += 1;
    else {
      imported += 1;
      if (result.storedLabel !== result.label) renamed += 1;
    }
  }
  return { imported, renamed, skipped };
}

