/**
 * Imports the exchange and AI provider keys of a .env file into the unlocked vault: every key checked by the same
 * field rules as `add`, all stored in one transaction or none, keys already stored skipped and
 * reported. The file is only read; the report tells the user to delete it, since it holds the keys
 * in plaintext. No value from the file ever reaches a message, a report or the audit log.
 */
import path from 'node:path';
import type { AuditActor } from '../audit/audit-schema';
import { appendAudit } from '../audit/audit-log';
import { KeywardenError } from '../errors';
import { listExchanges } from '../exchanges/exchange-catalog';
import { audited } from '../backup/audited-operation';
import type { BackupDependencies } from '../backup/backup-service';
import { buildReport, countResults } from './import-report';
import type { ImportReport } from '../backup/backup-schema';
import { findEnvCredentials } from './env-credentials';
import { findAiEnvCredentials } from './env-ai-credentials';
import { findWalletEnvCredentials } from './env-wallet-credentials';
import { parseEnvFile } from './env-file-parser';
import { readUserFile, resolveUserFile } from '../backup/user-file';

/** .env files are a few kilobytes; a large file is something else. */
const MAX_ENV_BYTES = 1024 * 1024;

export async function importEnvFile(deps: BackupDependencies, request: { file: string; dryRun: boolean }, actor: AuditActor): Promise<ImportReport> {
  deps.vault.requireKeyring();
  const file = resolveUserFile(request.file);
  const name = path.basename(file);
  const run = async () => {
    const bytes = readUserFile(file, MAX_ENV_BYTES, () => new KeywardenError('ENV_FILE_INVALID', `${file} is too large to be a .env file. Nothing was imported.`));
    if (bytes.includes(0)) {
      bytes.fill(0);
      throw new KeywardenError('ENV_FILE_INVALID', `${file} is not a text file. Nothing was imported.`);
    }
    const text = bytes.toString('utf8');
    bytes.fill(0);
    const variables = parseEnvFile(text);
    const exchanges = new Map((await listExchanges()).map((exchange) => [exchange.id, exchange]));
    const wallets = findWalletEnvCredentials(variables);
    const ai = findAiEnvCredentials(wallets.rest);
    const { credentials: exchangeKeys, ignored: exchangeIgnored } = findEnvCredentials(ai.rest, (id) => exchanges.get(id));
    const ignored = [...wallets.ignored, ...exchangeIgnored];
    const found = [...wallets.credentials, ...ai.credentials, ...exchangeKeys];
    if (found.length === 0) {
      throw new KeywardenError('ENV_FILE_INVALID', `No keys found in ${file}. Keywarden looks for <EXCHANGE>_API_KEY with <EXCHANGE>_API_SECRET (BINANCE_API_KEY, BYBIT_API_SECRET, …), where <EXCHANGE> is a ccxt exchange id, for AI provider keys by their usual names (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, …; see keywarden ai-providers), and for wallets and Polymarket accounts (PRIVATE_KEY, WALLET_PRIVATE_KEY, SOLANA_PRIVATE_KEY, POLYMARKET_API_KEY, POLY_*, CLOB_*).`);
    }
    const prepared = await deps.fieldPreparer.prepareMany(found.map((entry) => ({ provider: entry.provider, fields: entry.fields, name: `${entry.prefix}_… in ${name}` })));
    const entries = found.map((entry, i) => ({ ...entry, prepared: prepared[i]!, label: `${prepared[i]!.provider.name}${entry.environment === 'testnet' ? ' testnet' : ''}` }));
    const results = deps.credentialTransfer.importCredentials(
      entries.map((entry) => ({ prepared: entry.prepared, label: entry.label, environment: entry.environment })),
      {
        actor,
        source: 'env',
        renameSuffix: 'imported',
        dryRun: request.dryRun,
        alsoInTransaction: (tx, imported) => appendAudit(tx, deps.clock, { actor, action: 'env.import', outcome: 'ok', details: { file: name, ...countResults(imported) } }),
      },
    );
    const deleteAdvice = request.dryRun
      ? `After the import, delete ${file}: it holds these keys in plaintext.`
      : `Delete ${file} now (and empty the trash): it holds these keys in plaintext, and Keywarden keeps them encrypted from here on.`;
    const report = buildReport({ source: 'env', file, dryRun: request.dryRun, backupCreatedAt: null, results, entries, settings: [], ignored, nextSteps: [deleteAdvice] });
    return { result: report, details: null };
  };
  if (request.dryRun) return (await run()).result;
  return audited(deps, actor, 'env.import', { file: name }, run);
}
