/** Handlers of the position drift channels (drift-contract.ts): thin calls into core.drift. */
import type { driftChannels } from './drift-contract';
import type { HandlerMap } from './handler-types';

export const driftHandlers: HandlerMap<keyof typeof driftChannels> = {
  'webhook.drift.list': (core, input) => core.drift.list(input),
  'webhook.drift.preview': (core, input, { actor }) => core.drift.preview(input.id, actor),
  'webhook.drift.fix': (core, input, { actor }) => core.drift.fix(input.id, actor),
  'webhook.drift.dismiss': (core, input, { actor }) => core.drift.dismiss(input.id, actor),
};
