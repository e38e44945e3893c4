/** Handlers of the integrity channels (integrity-contract.ts): thin calls into core.integrity. */
import type { HandlerMap } from './handler-types';
import type { integrityChannels } from './integrity-contract';

export const integrityHandlers: HandlerMap<keyof typeof integrityChannels> = {
  'integrity.status': (core) => ({ alarms: [...core.integrity.checkAll()] }),
  'integrity.acknowledge': (core, input, { actor }) => ({ alarms: [...core.integrity.acknowledge(input.table, input.key, actor)] }),
};
