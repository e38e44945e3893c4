/** Shape of the credential settings. Pure zod: the IPC contract imports this file. */
import { z } from 'zod';

export const CredentialSettings = z.object({
  /** Re-verify every key this often; 0 turns scheduled checks off. */
  verifyIntervalHours: z.number().int().min(0, 'must be 0 (off) or more').max(24 * 30, 'must be at most 720 (30 days)'),
  /** Flag keys older than this for rotation; 0 turns the reminder off. */
  rotationReminderDays: z.number().int().min(0, 'must be 0 (off) or more').max(3650, 'must be at most 3650'),
});
export type CredentialSettings = z.infer<typeof CredentialSettings>;
