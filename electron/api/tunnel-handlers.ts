/** Handlers of the tunnel channels (tunnel-contract.ts): thin calls into core.webhook. */
import type { HandlerMap } from './handler-types';
import type { tunnelChannels } from './tunnel-contract';

export const tunnelHandlers: HandlerMap<keyof typeof tunnelChannels> = {
  'webhook.tunnel.status': (core) => core.webhook.tunnel.status(),
  'webhook.tunnel.tools': (core) => core.webhook.tunnel.tools(),
  'webhook.tunnel.set': async (core, input, { actor }) => {
    await core.webhook.updateSettings('tunnel' in input ? { tunnel: input.tunnel } : { tunnel: 'none', publicBaseUrl: input.publicUrl }, actor);
    return core.webhook.tunnel.status();
  },
};
