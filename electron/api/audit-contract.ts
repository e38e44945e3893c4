/** Channels of the readable audit log (issue 21): sentences, filters, search, and a CSV export. */
import { z } from 'zod';
import { AuditFilter, AuditPage } from '../core/audit/audit-schema';
import { FileHandle, FilePath, WINDOW_NAMES_FILES_BY_HANDLE, oneFile } from './backup-contract';
import { channel } from './channel';

export const auditChannels = {
  'audit.query': channel({
    access: 'unlocked', activity: 'none',
    input: AuditFilter.extend({ beforeSeq: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: AuditPage,
    summary: 'Audit records as sentences with key labels, newest first, filtered by key, kind, time and words; paged by beforeSeq.',
  }),
  'audit.exportCsv': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ filter: AuditFilter.default({}), file: FilePath.optional(), fileHandle: FileHandle.optional(), overwrite: z.boolean().default(false) }).refine(...oneFile),
    // Replacing a file is the save dialog's question, answered in the handle.
    fromWindow: { input: z.strictObject({ filter: AuditFilter.default({}), fileHandle: FileHandle, overwrite: z.literal(false).default(false) }), refusal: WINDOW_NAMES_FILES_BY_HANDLE },
    output: z.object({ rows: z.number().int() }),
    summary: 'Write the audit records a filter matches to a CSV file (time, sentence, key, kind, result).',
  }),
} as const;
