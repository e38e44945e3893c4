/**
 * Reads the uses of keys (key_uses, written by CredentialRepository.recordUse) into the usage
 * report: counts by source and outcome over a period, AI tokens and cost, the last successful use,
 * and the keys nobody has used for a while, which are the first to revoke.
 *
 * An order's use is its order row (issue 22: every alert wrote a key_uses row beside its order, 86
 * bytes of the file's growth per alert): an order the exchange took (it gave an order id) is a use
 * that worked. Paper orders never reach the exchange and are no use of the key.
 */
import type { CredentialRepository } from './credential-repository';
import type { CredentialModuleContext } from './credential-rows';
import { UsageReportInput, type KeyUsageLine, type UsageReport } from './key-usage-schema';

const DAY_MS = 24 * 3600_000;

/** The orders that were a use of their key: sent for real and taken by the exchange. */
const ORDER_USED_KEY = 'paper = 0 AND exchange_order_id IS NOT NULL';

/** What went through the AI gateway with one local token: calls, failed calls, tokens and cost (null: no call had a price). */
export interface LocalTokenUsage {
  readonly calls: number;
  readonly failed: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costMicroUsd: number | null;
}

interface UseRow {
  credential_id: string;
  source: 'verification' | 'release' | 'order' | 'gateway';
  ok: number;
  uses: number;
  tokens_in: number | null;
  tokens_out: number | null;
  cost: number | null;
}

export class KeyUsage {
  readonly #context: Pick<CredentialModuleContext, 'database' | 'clock'>;
  readonly #credentials: CredentialRepository;

  constructor(context: Pick<CredentialModuleContext, 'database' | 'clock'>, credentials: CredentialRepository) {
    this.#context = context;
    this.#credentials = credentials;
  }

  report(rawInput: UsageReportInput): UsageReport {
    const { days, unusedDays } = UsageReportInput.parse(rawInput);
    const { database, clock } = this.#context;
    const now = clock.now();
    const since = now - days * DAY_MS;
    const grouped = database.sqlite.prepare(`
      SELECT credential_id, source, ok, count(*) AS uses, sum(tokens_in) AS tokens_in, sum(tokens_out) AS tokens_out, sum(cost_micro_usd) AS cost
      FROM key_uses WHERE at >= ? GROUP BY credential_id, source, ok
      UNION ALL
      SELECT credential_id, 'order', 1, count(*), NULL, NULL, NULL
      FROM orders WHERE created_at >= ? AND ${ORDER_USED_KEY} GROUP BY credential_id`).all(since, since) as UseRow[];
    const lastOk = new Map((database.sqlite.prepare(`
      SELECT credential_id, max(at) AS at FROM (
        SELECT credential_id, max(at) AS at FROM key_uses WHERE ok = 1 GROUP BY credential_id
        UNION ALL
        SELECT credential_id, max(created_at) FROM orders WHERE ${ORDER_USED_KEY} GROUP BY credential_id
      ) GROUP BY credential_id`).all() as { credential_id: string; at: number }[]).map((row) => [row.credential_id, row.at]));
    const infos = this.#credentials.list();
    const keys: KeyUsageLine[] = infos.map((info) => {
      const line: KeyUsageLine = {
        id: info.id, label: info.label, kind: info.kind, provider: info.provider, status: info.status,
        verification: { ok: 0, failed: 0 }, release: { ok: 0, failed: 0 }, order: { ok: 0, failed: 0 }, gateway: { ok: 0, failed: 0 },
        tokensIn: 0, tokensOut: 0, costUsd: null, lastUsedAt: lastOk.get(info.id) ?? null,
      };
      let costMicro: number | null = null;
      for (const row of grouped) {
        if (row.credential_id !== info.id) continue;
        line[row.source][row.ok ? 'ok' : 'failed'] += row.uses;
        line.tokensIn += row.tokens_in ?? 0;
        line.tokensOut += row.tokens_out ?? 0;
        if (row.cost !== null) costMicro = (costMicro ?? 0) + row.cost;
      }
      return { ...line, costUsd: costMicro === null ? null : costMicro / 1e6 };
    });
    const unusedSince = now - unusedDays * DAY_MS;
    const unused = infos
      .filter((info) => info.status !== 'revoked' && info.createdAt <= unusedSince && (lastOk.get(info.id) ?? 0) < unusedSince)
      .map((info) => ({ id: info.id, label: info.label, provider: info.provider, lastUsedAt: lastOk.get(info.id) ?? null, createdAt: info.createdAt }));
    return { since, days, unusedDays, keys, unused };
  }

  /** Millionths of a US dollar the AI gateway spent with the key since `since` (calls without a known price count nothing). */
  gatewaySpendMicroUsd(credentialId: string, since: number): number {
    const row = this.#context.database.sqlite
      .prepare("SELECT coalesce(sum(cost_micro_usd), 0) AS spent FROM key_uses WHERE credential_id = ? AND source = 'gateway' AND at >= ?")
      .get(credentialId, since) as { spent: number };
    return row.spent;
  }

  /** The AI gateway's calls since `since`, by the local token they came with. */
  gatewayUsageByLocalToken(since: number): Map<string, LocalTokenUsage> {
    const rows = this.#context.database.sqlite.prepare(`
      SELECT local_token_id AS id, count(*) AS calls, sum(1 - ok) AS failed, coalesce(sum(tokens_in), 0) AS tokensIn, coalesce(sum(tokens_out), 0) AS tokensOut, sum(cost_micro_usd) AS costMicroUsd
      FROM key_uses WHERE local_token_id IS NOT NULL AND at >= ? GROUP BY local_token_id`).all(since) as (LocalTokenUsage & { id: string })[];
    return new Map(rows.map(({ id, ...usage }) => [id, usage]));
  }
}
