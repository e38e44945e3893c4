/**
 * Contract channels of the integrity alarm (issue 14): which protected rows were changed outside
 * Keywarden, and a person's acknowledgement of one. Spread into `contract` (contract.ts).
 */
import { z } from 'zod';
import { IntegrityStatus, ProtectedTable } from '../core/integrity/integrity-schema';
import { channel, NoInput } from './channel';

export const integrityChannels = {
  'integrity.status': channel({
    access: 'any', activity: 'none',
    input: NoInput,
    output: IntegrityStatus,
    summary: 'Check every row that decides whether money moves; list those changed outside Keywarden.',
  }),
  'integrity.acknowledge': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ table: ProtectedTable, key: z.string().min(1).max(128) }),
    output: IntegrityStatus,
    summary: 'Keep a row changed outside Keywarden as it is now (it is MAC\'d again; audited). Trading stays paused until resumed.',
  }),
} as const;
