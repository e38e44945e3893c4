/**
 * For tests of rows "an earlier version wrote": such a version wrote no MACs and had never adopted
 * its rows, so the next unlock adopts them (integrity-check.ts). A row planted in a vault that has
 * adopted already is an integrity alarm instead, which is what issue 14 is about.
 */
interface SqliteLike {
  prepare(sql: string): { run(...params: unknown[]): unknown };
}

/** Makes the database look as a version before row MACs left it (run it while the vault is locked, then unlock). */
export function asBeforeRowMacs(sqlite: SqliteLike): void {
  for (const table of ['credentials', 'risk_limits', 'webhook_sources', 'settings']) sqlite.prepare(`UPDATE ${table} SET integrity_mac = NULL`).run();
  sqlite.prepare("DELETE FROM settings WHERE key = 'integrity.adopted'").run();
}
