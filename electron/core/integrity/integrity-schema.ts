/** What the contract says about integrity alarms (pure zod: the renderer imports it through the contract). */
import { z } from 'zod';
import { protectedTableNames } from '../../shared/protected-names';

export const ProtectedTable = z.enum(protectedTableNames);

/** A row that decides whether money moves and was changed outside Keywarden. Never a secret. */
export const IntegrityAlarm = z.object({
  table: ProtectedTable,
  /** The row's key: a credential or source id, a limits scope, a setting's key. */
  key: z.string(),
  /** What a person calls it: `key "Binance main"`, `global risk limits`, `the kill switch`. */
  label: z.string(),
});
export type IntegrityAlarm = z.infer<typeof IntegrityAlarm>;

export const IntegrityStatus = z.object({ alarms: z.array(IntegrityAlarm) });
export type IntegrityStatus = z.infer<typeof IntegrityStatus>;
