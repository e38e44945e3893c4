/** Shape of the credential settings. Pure zod: the IPC contract imports this file. */
import { z } from 'zod';
import { MAX_ROTATION_REMINDER_DAYS, MAX_VERIFY_INTERVAL_HOURS } from '../../shared/setting-ranges';

export const CredentialSettings = z.object({
  /** Re-verify every key this often; 0 turns scheduled checks off. */
  verifyIntervalHours: z.number().int().min(0, 'must be 0 (off) or more').max(MAX_VERIFY_INTERVAL_HOURS, `must be at most ${MAX_VERIFY_INTERVAL_HOURS} (30 days)`),
  /** Flag keys older than this for rotation; 0 turns the reminder off. */
  rotationReminderDays: z.number().int().min(0, 'must be 0 (off) or more').max(MAX_ROTATION_REMINDER_DAYS, `must be at most ${MAX_ROTATION_REMINDER_DAYS}`),
});
export type CredentialSettings = z.infer<typeof CredentialSettings>;
