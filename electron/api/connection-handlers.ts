/** Handlers of the connection channels (connection-contract.ts): thin calls into the core. */
import type { HandlerMap } from './handler-types';
import type { connectionChannels } from './connection-contract';

export const connectionHandlers: HandlerMap<keyof typeof connectionChannels> = {
  'exchanges.connection': (core, input) => core.connections.read(input.ref),
  'exchanges.testProxy': (core, input, { actor }) => core.connections.test(input.ref, actor),
};
