/** Handlers of the release channels (release-contract.ts): thin calls into core.keyRelease and core.releaseApprovals. */
import type { HandlerMap } from './handler-types';
import type { releaseChannels } from './release-contract';

export const releaseHandlers: HandlerMap<keyof typeof releaseChannels> = {
  'credentials.release': (core, input, { actor, notice, signal }) =>
    core.keyRelease.release(input, actor, { signal, whileAsking: (message) => notice?.({ code: 'AWAITING_APPROVAL', message }) }),
  'credentials.answerRelease': (core, input) => (core.releaseApprovals.answer(input.requestId, input.answer), {}),
  'credentials.waitingReleases': (core) => ({ requests: core.releaseApprovals.waiting() }),
  'credentials.releaseApprovals': (core, input) => ({ approvals: core.releaseApprovals.alwaysAllowed(input.ref) }),
  'credentials.forgetReleaseApproval': (core, input, { actor }) => {
    core.releaseApprovals.forget(input.ref, input.program, actor);
    return { approvals: core.releaseApprovals.alwaysAllowed(input.ref) };
  },
};
