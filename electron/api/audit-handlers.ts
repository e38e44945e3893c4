/** Handlers of the audit channels (audit-contract.ts): thin calls into core/audit. */
import type { auditChannels } from './audit-contract';
import { withNamedFile } from './backup-handlers';
import type { HandlerMap } from './handler-types';

export const auditHandlers: HandlerMap<keyof typeof auditChannels> = {
  'audit.query': (core, input) => core.audit.reader.page(input),
  'audit.exportCsv': (core, input, context) =>
    withNamedFile(input, context, 'audit-export', true, async ({ file, replaceConfirmed }) => core.audit.reader.exportCsv(input.filter, file, input.overwrite || replaceConfirmed)),
};
