/**
 * What backup export and the two imports (backup file, .env file) report. Pure zod: the IPC
 * contract (and so the renderer) imports this file. Reports name credentials by label, exchange and
 * environment, and variables by name; never a key or secret value.
 */
import { z } from 'zod';
import { Environment } from '../credentials/credential-schema';
import { exposureSettingNames } from '../../shared/protected-names';

export const BackupExportResult = z.object({
  /** The absolute path written. */
  file: z.string(),
  /** How many credentials the backup holds. */
  credentials: z.number().int(),
  bytes: z.number().int(),
});
export type BackupExportResult = z.infer<typeof BackupExportResult>;

export const ImportedCredential = z.object({
  /** The label in the backup (or the one made for a .env entry). */
  label: z.string(),
  provider: z.string(),
  environment: Environment,
  /** renamed: imported under another label because this one was taken. */
  result: z.enum(['imported', 'renamed', 'skipped-duplicate']),
  /** Its label in this vault; null when skipped. */
  storedAs: z.string().nullable(),
  /** Its id in this vault; null when skipped or in a dry run. */
  id: z.string().nullable(),
  /** The credential in this vault that already holds the same key (skipped ones). */
  duplicateOf: z.string().nullable(),
  primary: z.boolean(),
});
export type ImportedCredential = z.infer<typeof ImportedCredential>;

export const RestoredSetting = z.object({
  name: z.string(),
  /** kept: this vault had its own value, which was left alone. */
  result: z.enum(['restored', 'kept', 'unchanged']),
  /** What the person must look at before it works again (a restored alert source comes back disabled). */
  review: z.string().optional(),
});
export type RestoredSetting = z.infer<typeof RestoredSetting>;

/** Listener settings that let more in when widened (the list and why: shared/protected-names.ts). */
export const ExposureSetting = z.enum(exposureSettingNames);
export type ExposureSetting = z.infer<typeof ExposureSetting>;

/** One listener setting whose backup value is wider than this vault's, with both values as text. */
export const ExposureChange = z.object({
  setting: ExposureSetting,
  /** What it is, for people: "listener address". */
  name: z.string(),
  current: z.string(),
  backup: z.string(),
  /** The person chose to apply the backup's value (in a check: would apply). */
  applied: z.boolean(),
});
export type ExposureChange = z.infer<typeof ExposureChange>;

export const ImportReport = z.object({
  source: z.enum(['backup', 'env']),
  file: z.string(),
  /** Nothing was changed; the report says what an import would do. */
  dryRun: z.boolean(),
  /** When the backup was made (null for a .env file). */
  backupCreatedAt: z.number().nullable(),
  credentials: z.array(ImportedCredential),
  imported: z.number().int(),
  renamed: z.number().int(),
  skipped: z.number().int(),
  settings: z.array(RestoredSetting),
  /** Listener settings the backup would widen; each applied only when chosen. */
  listenerExposure: z.array(ExposureChange),
  /** Backup sections this version cannot restore, or .env variables that name no key field. */
  ignored: z.array(z.string()),
  nextSteps: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReport>;
