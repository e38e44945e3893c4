/** Handlers of webhook-setup-contract.ts: thin calls into the core. */
import { sendTestAlert } from '../core/webhook/test-alert';
import type { HandlerMap } from './handler-types';
import type { webhookSetupChannels } from './webhook-setup-contract';

export const webhookSetupHandlers: HandlerMap<keyof typeof webhookSetupChannels> = {
  'webhook.setup.status': (core) => core.listenerWatch.status(),
  'webhook.setup.testAlert': (core, input) => sendTestAlert(input, core.webhook.status()),
  'vault.keepUnlockedWhileListening.set': (core, input, { actor }) => {
    core.vault.setKeepUnlockedWhileListening(input.on, actor);
    return core.listenerWatch.status();
  },
};
