/**
 * For tests of rows "an earlier version wrote": such a version wrote no MACs and had never adopted
 * its rows, so the next unlock adopts them (integrity-check.ts). A row planted in a vault that has
 * adopted already is an integrity alarm instead, which is what issue 14 is about.
 */
interface SqliteLike {
  prepare(sql: string): { run(...params: unknown[]): unknown };
}

/**
 * Makes the database look as a version before row MACs left it (run it while the vault is locked,
 * then unlock): no MACs, no adoption marker, and no integrity root, which that version did not have.
 * Without removing the root too this is the attack of stripping every MAC, which is an alarm.
 */
export function asBeforeRowMacs(sqlite: SqliteLike): void {
  for (const table of ['credentials', 'risk_limits', 'webhook_sources', 'settings']) sqlite.prepare(`UPDATE ${table} SET integrity_mac = NULL`).run();
  sqlite.prepare("DELETE FROM settings WHERE key IN ('integrity.adopted', 'vault.integrityKey')").run();
  // Nor had it audit MACs or a keyed head.
  sqlite.prepare('UPDATE audit_log SET mac = NULL').run();
  sqlite.prepare("UPDATE settings SET value = json_remove(value, '$.keyedSeq', '$.keyedMac') WHERE key = 'audit.head'").run();
}

/** The attack: every MAC and the adoption marker removed from a vault that has its integrity root. */
export function strippedOfRowMacs(sqlite: SqliteLike): void {
  for (const table of ['credentials', 'risk_limits', 'webhook_sources', 'settings']) sqlite.prepare(`UPDATE ${table} SET integrity_mac = NULL`).run();
  sqlite.prepare("DELETE FROM settings WHERE key = 'integrity.adopted'").run();
}
