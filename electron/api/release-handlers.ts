/** Handler of the release channel (release-contract.ts): a thin call into core.keyRelease. */
import type { HandlerMap } from './handler-types';
import type { releaseChannels } from './release-contract';

export const releaseHandlers: HandlerMap<keyof typeof releaseChannels> = {
  'credentials.release': (core, input, { actor }) => core.keyRelease.release(input, actor),
};
