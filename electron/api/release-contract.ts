/**
 * The channel that hands a program (`keywarden run`) the fields of keys the person allowed for
 * programs (issue 16). Spread into `contract` (contract.ts). Its output holds secrets, so only the
 * CLI may call it: never the window (the renderer must never receive a secret), the tray or the
 * app itself. A bot starting is not a person's activity, so it never keeps the vault unlocked.
 */
import { ReleaseInput, ReleasedValues } from '../core/credentials/key-release-schema';
import { channel } from './channel';

export const releaseChannels = {
  'credentials.release': channel({
    access: 'unlocked', activity: 'none', callers: ['cli'],
    callerRefusal: 'Key fields are handed only to programs started with keywarden run in a terminal.',
    input: ReleaseInput,
    output: ReleasedValues,
    summary: 'Hand a program the fields of keys allowed for programs (all or nothing; audited, counted as a use).',
  }),
} as const;
