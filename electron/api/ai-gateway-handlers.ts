/** Handlers of the AI gateway channels (ai-gateway-contract.ts): thin calls into core.gateway. */
import type { gatewayChannels } from './ai-gateway-contract';
import type { HandlerMap } from './handler-types';

export const gatewayHandlers: HandlerMap<keyof typeof gatewayChannels> = {
  'gateway.status': (core) => core.gateway.status(),
  'gateway.settings.get': (core) => core.gateway.settings(),
  'gateway.settings.set': (core, input, { actor }) => core.gateway.updateSettings(input, actor),
  'gateway.tokens.create': (core, input, { actor }) => core.gateway.tokens.create(input, actor),
  'gateway.tokens.list': (core) => core.gateway.tokens.list(),
  'gateway.tokens.revoke': (core, input, { actor }) => core.gateway.tokens.revoke(input.ref, actor),
  'gateway.budgets.get': (core) => core.gateway.budgets(),
  'gateway.budgets.set': (core, input, { actor }) => core.gateway.setBudget(input, actor),
  'gateway.prices.get': (core) => [...core.gateway.prices()],
  'gateway.prices.set': (core, input, { actor }) => [...core.gateway.setPrice(input, actor)],
  'gateway.prices.remove': (core, input, { actor }) => [...core.gateway.removePrice(input, actor)],
};
