/**
 * Contract channels of the TradingView webhook: alert sources and their tokens, the listener's
 * settings and status, the event record, the message generator and the simulator. Spread into
 * `contract` (contract.ts). The only output that holds a secret is `oneTimeToken`, returned by
 * create and rotate exactly once, because the user must paste it into TradingView.
 */
import { z } from 'zod';
import {
  AlertMessage,
  AlertMessageRequest,
  IssuedToken,
  Simulation,
  SimulationRequest,
  SourceScopeInput,
  WebhookEventInfo,
  WebhookSettings,
  WebhookSettingsPatch,
  WebhookSourceInfo,
  WebhookSourceRef,
  WebhookStatus,
} from '../core/webhook/webhook-schema';
import { RefusalCountsQuery, WebhookRefusalCount } from '../core/webhook/refusal-count-schema';
import { channel, NoInput } from './channel';

export const webhookChannels = {
  'webhook.status': channel({ access: 'any', activity: 'none', input: NoInput, output: WebhookStatus, summary: 'Is the webhook listener running, where, and the URL prefix to paste into TradingView.' }),
  'webhook.sources.list': channel({ access: 'unlocked', activity: 'none', input: NoInput, output: z.array(WebhookSourceInfo), summary: 'Alert sources with their scopes and what each still lacks (never a token).' }),
  'webhook.sources.create': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ label: z.string().max(200), scope: SourceScopeInput.optional() }),
    output: IssuedToken,
    summary: 'Create an alert source; its scope must name at least one account and a per-order cap (maxNotionalUsd). Its token is returned this once (only a hash is kept).',
  }),
  'webhook.sources.rotate': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ ref: WebhookSourceRef, graceMinutes: z.number().int().min(0, 'must be 0 (the old token stops now) or more').max(1440, 'must be at most 1440').optional() }),
    output: IssuedToken,
    summary: 'Give a source a new token (shown once); the old one works for a grace window (default 10 minutes).',
  }),
  'webhook.sources.update': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ ref: WebhookSourceRef, label: z.string().max(200).optional(), scope: SourceScopeInput.optional(), enabled: z.boolean().optional() }),
    output: WebhookSourceInfo,
    summary: 'Rename a source, change its scope, or enable / disable it; an enabled source keeps at least one account and a per-order cap.',
  }),
  'webhook.sources.delete': channel({ access: 'unlocked', activity: 'user', input: z.strictObject({ ref: WebhookSourceRef }), output: z.object({ id: z.string(), label: z.string() }), summary: 'Delete an alert source: its token stops working at once.' }),
  'webhook.settings.get': channel({ access: 'unlocked', activity: 'none', input: NoInput, output: WebhookSettings, summary: 'The listener\'s settings.' }),
  'webhook.settings.set': channel({
    access: 'unlocked', activity: 'user',
    // allowLan: the person confirmed a non-loopback host (plain HTTP, token in the path); without it such a host is refused.
    input: WebhookSettingsPatch.extend({ allowLan: z.boolean().optional() }),
    output: WebhookSettings,
    summary: 'Change some listener settings (a running listener moves to a new address). A host other than loopback needs allowLan: true.',
  }),
  'webhook.events.list': channel({
    access: 'unlocked', activity: 'none',
    input: z.strictObject({ limit: z.number().int().min(1).max(1000).default(100), source: WebhookSourceRef.optional(), beforeId: z.number().int().positive().optional() }),
    output: z.array(WebhookEventInfo),
    summary: 'Requests the listener received and what became of each, newest first.',
  }),
  'webhook.refusals.list': channel({
    access: 'unlocked', activity: 'none',
    input: RefusalCountsQuery,
    output: z.array(WebhookRefusalCount),
    summary: 'Requests refused without a valid token, and rate-limited ones: counted per reason and client address (not recorded one by one), largest first.',
  }),
  'webhook.message': channel({ access: 'unlocked', activity: 'user', input: AlertMessageRequest, output: AlertMessage, summary: 'The exact TradingView alert message and URL for an account and symbol.' }),
  'webhook.simulate': channel({ access: 'unlocked', activity: 'user', input: SimulationRequest, output: Simulation, summary: 'What an alert message would do when TradingView sends it; places nothing.' }),
} as const;
