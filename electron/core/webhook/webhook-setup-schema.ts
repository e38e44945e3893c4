/**
 * Issue 19's set-up and "never a silent refusal" shapes: what the window, the tray and the CLI need to
 * say whether alerts would be refused, and a test alert's hops. Never a token.
 */
import { z } from 'zod';
import { KEEP_UNLOCKED_CONSEQUENCE } from '../../shared/alerts-refused';

export const ListenerWatchStatus = z.object({
  locked: z.boolean(),
  listenerRunning: z.boolean(),
  /** Enabled alert sources; while locked, the number seen at the last look while unlocked. */
  enabledSources: z.number().int(),
  /** Locked, the listener running and a source enabled: every alert is refused (409) until unlock. */
  alertsRefusedWhileLocked: z.boolean(),
  /** Locking now (by hand or idle) would refuse alerts: the listener runs with an enabled source. */
  lockRefusesAlerts: z.boolean(),
  keepUnlockedWhileListening: z.boolean(),
  /** `${publicBaseUrl}/webhook/` or null: a test alert goes there when set. */
  publicWebhookUrlPrefix: z.string().nullable(),
});
export type ListenerWatchStatus = z.infer<typeof ListenerWatchStatus>;

export const TestAlertRequest = z.strictObject({
  /** The token shown once at creation or rotation; used for this request only, never stored. */
  token: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be the 22-character token shown at creation or rotation'),
  /** public: through the public address (the tunnel or proxy); local: straight to the listener. Default: public when set. */
  via: z.enum(['public', 'local']).optional(),
});
export type TestAlertRequest = z.infer<typeof TestAlertRequest>;

export const TestAlertHop = z.object({
  hop: z.enum(['listener', 'public-address', 'token', 'source']),
  ok: z.boolean(),
  detail: z.string(),
});
export type TestAlertHop = z.infer<typeof TestAlertHop>;

export const TestAlertResult = z.object({
  ok: z.boolean(),
  via: z.enum(['public', 'local']),
  /** Where it was sent, the token masked. */
  url: z.string(),
  /** The HTTP status the listener (or what stands before it) answered; null when nothing answered. */
  status: z.number().int().nullable(),
  hops: z.array(TestAlertHop),
});
export type TestAlertResult = z.infer<typeof TestAlertResult>;

export const KeepUnlockedRequest = z
  .strictObject({
    on: z.boolean(),
    /** The person read KEEP_UNLOCKED_CONSEQUENCE; required to turn it on, like allowLan for a LAN address. */
    understood: z.boolean().optional(),
  })
  .refine((request) => !request.on || request.understood === true, { message: `Confirm that you understand: ${KEEP_UNLOCKED_CONSEQUENCE}`, path: ['understood'] });
