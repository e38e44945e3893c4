/** Handlers of webhook-setup-contract.ts: thin calls into the core. */
import { renameImpact } from '../core/webhook/rename-warning';
import { sendTestAlert } from '../core/webhook/test-alert';
import type { HandlerMap } from './handler-types';
import type { webhookSetupChannels } from './webhook-setup-contract';

export const webhookSetupHandlers: HandlerMap<keyof typeof webhookSetupChannels> = {
  'webhook.setup.status': (core) => core.listenerWatch.status(),
  'webhook.setup.testAlert': (core, input) => sendTestAlert(input, core.webhook.status()),
  'webhook.renameImpact': (core, input) => renameImpact(core.credentials.get(input.ref), input.label, core.webhook.sources.list()),
  'vault.keepUnlockedWhileListening.set': (core, input, { actor }) => {
    core.vault.setKeepUnlockedWhileListening(input.on, actor);
    return core.listenerWatch.status();
  },
};
