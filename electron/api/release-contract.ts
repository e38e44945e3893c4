/**
 * The channel that hands a program (`keywarden run`) the fields of keys the person allowed for
 * programs (issue 16). Spread into `contract` (contract.ts). Its output holds secrets, so only the
 * CLI may call it: never the window (the renderer must never receive a secret), the tray or the
 * app itself. A bot starting is not a person's activity, so it never keeps the vault unlocked.
 * The desktop app asks a person first; only its window answers (release-approvals.ts).
 */
import { z } from 'zod';
import { AnswerReleaseInput, ReleaseApprovalRequest, ReleaseInput, ReleasedValues } from '../core/credentials/key-release-schema';
import { CredentialRef } from '../core/credentials/credential-schema';
import { channel, NoInput } from './channel';

/** Only the window asks and answers: it is where a person sees which program wants which key. */
const personAtTheWindow = 'Only a person at the Keywarden window can answer a program\'s request for a key.';

export const releaseChannels = {
  'credentials.release': channel({
    access: 'unlocked', activity: 'none', callers: ['cli'],
    callerRefusal: 'Key fields are handed only to programs started with keywarden run in a terminal.',
    input: ReleaseInput,
    output: ReleasedValues,
    summary: 'Hand a program the fields of keys allowed for programs (all or nothing; audited, counted as a use). In the desktop app, waits for a person to allow the program first.',
  }),
  'credentials.answerRelease': channel({
    access: 'unlocked', activity: 'user', callers: ['ui'], callerRefusal: personAtTheWindow,
    input: AnswerReleaseInput,
    output: z.object({}),
    summary: 'Answer a program\'s request for keys: allow it this session, always, or deny it.',
  }),
  'credentials.waitingReleases': channel({
    access: 'unlocked', activity: 'none', callers: ['ui'], callerRefusal: personAtTheWindow,
    input: NoInput,
    output: z.object({ requests: z.array(ReleaseApprovalRequest) }),
    summary: 'The programs waiting for a person to allow them keys (names only, never a value).',
  }),
  'credentials.releaseApprovals': channel({
    access: 'unlocked', activity: 'none', callers: ['ui', 'cli'],
    input: z.strictObject({ ref: CredentialRef }),
    output: z.object({ approvals: z.array(z.object({ program: z.string(), since: z.number() })) }),
    summary: 'The programs allowed to read a key always.',
  }),
  'credentials.forgetReleaseApproval': channel({
    access: 'unlocked', activity: 'user', callers: ['ui', 'cli'],
    input: z.strictObject({ ref: CredentialRef, program: z.string().min(1).max(4096) }),
    output: z.object({ approvals: z.array(z.object({ program: z.string(), since: z.number() })) }),
    summary: 'Forget that a program may read a key: it is asked again next time (audited).',
  }),
} as const;
