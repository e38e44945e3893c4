/** Handlers of the webhook channels (webhook-contract.ts): thin calls into core.webhook. */
import type { HandlerMap } from './handler-types';
import type { webhookChannels } from './webhook-contract';

export const webhookHandlers: HandlerMap<keyof typeof webhookChannels> = {
  'webhook.status': (core) => core.webhook.status(),
  'webhook.sources.list': (core) => core.webhook.sources.list(),
  'webhook.sources.create': (core, input, { actor }) => core.webhook.createSource(input, actor),
  'webhook.sources.rotate': (core, input, { actor }) => core.webhook.rotateToken(input.ref, { graceMinutes: input.graceMinutes }, actor),
  'webhook.sources.update': (core, input, { actor }) => core.webhook.sources.update(input, actor),
  'webhook.sources.delete': (core, input, { actor }) => core.webhook.sources.delete(input.ref, actor),
  'webhook.settings.get': (core) => core.webhook.settings(),
  'webhook.settings.set': (core, input, { actor }) => core.webhook.updateSettings(input, actor),
  'webhook.events.list': (core, input) => core.webhook.events(input),
  'webhook.refusals.list': (core, input) => core.webhook.refusalCounts(input),
  'webhook.message': (core, input) => core.webhook.message(input),
  'webhook.simulate': (core, input) => core.webhook.simulate(input),
};
