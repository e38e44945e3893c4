/** How CLI results look: a short human text by default, one JSON document with --json. */
import type { AuditChainReport, AuditRecord } from '../core/audit/audit-schema';
import type { CredentialInfo } from '../core/credentials/credential-schema';
import type { VaultStatus } from '../core/vault/vault-schema';

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function formatDate(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
}

export function formatCredentialList(credentials: readonly CredentialInfo[]): string {
  if (credentials.length === 0) return 'No keys stored yet. Add one with: keywarden add binance --label "Binance main"';
  return table(
    ['ID', 'LABEL', 'EXCHANGE', 'ENV', 'STATUS', 'KEY', 'FINGERPRINT', 'LAST USED'],
    credentials.map((c) => [c.id, c.isPrimary ? `${c.label} *` : c.label, c.provider, c.environment, c.status, c.preview, c.fingerprint, formatDate(c.lastUsedAt)]),
  ) + '\n\n* primary key for its exchange';
}

export function formatCredential(c: CredentialInfo): string {
  const rows: [string, string][] = [
    ['ID', c.id],
    ['Label', c.label + (c.isPrimary ? ' (primary)' : '')],
    ['Exchange', c.provider],
    ['Environment', c.environment],
    ['Status', c.status],
    ['Key', `${c.preview} (${c.signingKind})`],
    ['Fingerprint', c.fingerprint],
    ['Fields stored', c.fields.join(', ')],
    ['Permissions', c.permissions ? Object.entries(c.permissions).map(([k, v]) => `${k}=${String(v)}`).join(', ') : 'not verified yet'],
    ['Last verified', formatDate(c.lastVerifiedAt)],
    ['Last used', `${formatDate(c.lastUsedAt)} (${c.useCount} uses)`],
    ['Expires', formatDate(c.expiresAt)],
    ['Created', formatDate(c.createdAt)],
    ['Rotated', formatDate(c.rotatedAt)],
  ];
  return rows.map(([name, value]) => `${name.padEnd(14)}${value}`).join('\n');
}

export function formatVaultStatus(status: VaultStatus, home: string): string {
  if (!status.initialized) return `No vault yet in ${home}.\nCreate one with: keywarden init`;
  return [
    `Vault        ${status.locked ? 'locked' : 'unlocked'} (key version ${status.keyVersion})`,
    `Data folder  ${home}`,
    `Protected by ${status.protectors.map((p) => p.description).join('; ')}`,
    `Auto-lock    ${status.autoLockMinutes === 0 ? 'never' : `after ${status.autoLockMinutes} idle minutes`}`,
  ].join('\n');
}

export function formatAudit(records: readonly AuditRecord[]): string {
  if (records.length === 0) return 'The audit log is empty.';
  return table(
    ['SEQ', 'TIME', 'ACTOR', 'ACTION', 'SUBJECT', 'OUTCOME', 'DETAILS'],
    records.map((r) => [String(r.seq), formatDate(r.at), r.actor, r.action, r.subject ?? '', r.outcome, Object.entries(r.details).map(([k, v]) => `${k}=${String(v)}`).join(' ')]),
  );
}

export function formatAuditReport(report: AuditChainReport): string {
  return report.ok ? `Audit log intact: ${report.rows} records, chain verified.` : `Audit log damaged: ${report.message} (${report.rows} records read)`;
}
