/** Handlers of the perpetual-futures channels (futures-contract.ts): thin calls into core.futures. */
import type { futuresChannels } from './futures-contract';
import type { HandlerMap } from './handler-types';

export const futuresHandlers: HandlerMap<keyof typeof futuresChannels> = {
  'futures.account': (core, input) => core.futures.account(input.account),
  'futures.setLeverage': (core, input, { actor }) => core.futures.setLeverage(input, actor),
  'futures.close': (core, input, { actor }) => core.futures.close(input, { source: actor === 'cli' ? 'cli' : 'manual', actor: actor === 'cli' ? 'cli' : 'ui' }),
  'futures.panicPreview': (core) => core.futures.panicPreview(),
  'futures.panicClose': (core, input, { actor }) => core.futures.panicClose(input.confirmation, actor),
};
