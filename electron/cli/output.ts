/** How CLI results look: a short human text by default, one JSON document with --json. */
import { outcomeWords } from '../shared/audit-words';
import { keyStateWord, permissionWord, tradingBlockWords } from '../shared/key-vocabulary';
import type { AuditChainReport, AuditLine, AuditRecord, CredentialInfo, KeyPermissions, VaultStatus, VerificationResult } from '../api/contract-schemas';
import { boundIps, ipExposure, ipExposureBadge } from '../shared/key-ip-exposure';

/** A key that can trade with no IP restriction, with its countdown (shared/key-ip-exposure.ts): the CLI's one wording. */
export function withIpExposure<T extends CredentialInfo>(c: T, now = Date.now()): T & { ipExposure: ReturnType<typeof ipExposure> } {
  return { ...c, ipExposure: ipExposure(c, now) };
}

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
    ['ID', 'LABEL', 'PROVIDER', 'ENV', 'STATUS', 'KEY', 'FINGERPRINT', 'LAST USED'],
    credentials.map((c) => {
      const exposure = ipExposure(c, Date.now());
      const status = keyStateWord(c) + (c.permissions?.withdraw ? ` · ${permissionWord('withdraw', true)}` : '');
      return [c.id, c.isPrimary ? `${c.label} *` : c.label, c.provider, c.environment, exposure ? `${status} · ${ipExposureBadge(exposure)}` : status, c.preview, c.fingerprint, formatDate(c.lastUsedAt)];
    }),
  ) + '\n\n* primary key for its exchange or provider';
}

export function formatCredential(c: CredentialInfo): string {
  const rows: [string, string][] = [
    ['ID', c.id],
    ['Label', c.label + (c.isPrimary ? ' (primary)' : '')],
    [{ ai: 'AI provider', wallet: 'Wallet', polymarket: 'Prediction market', exchange: 'Exchange' }[c.kind], c.provider],
    ['Environment', c.environment],
    ['Status', keyStateWord(c)],
    [c.kind === 'wallet' || c.kind === 'polymarket' ? 'Address' : 'Key', c.kind === 'wallet' || c.kind === 'polymarket' ? `${c.preview} (keywarden balances or positions shows it in full)` : `${c.preview} (${c.signingKind})`],
    ['Fingerprint', c.fingerprint],
    ['Fields stored', c.fields.join(', ')],
    ...(c.kind === 'exchange'
      ? [
          ['Permissions', formatPermissions(c.permissions)],
          ['IP', formatIpBinding(c)],
          ['Trading', c.tradingBlock ? `Trading blocked: ${tradingBlockWords[c.tradingBlock] ?? 'review it'}. Review it, then run keywarden accept-withdraw-risk` : c.status === 'revoked' ? 'never (revoked)' : 'allowed'],
        ] as [string, string][]
      : []),
    ['Programs', c.allowPrograms ? 'allowed (keywarden run may hand them its fields)' : 'not allowed'],
    ['Last verified', formatDate(c.lastVerifiedAt)],
    ['Last used', `${formatDate(c.lastUsedAt)} (${c.useCount} uses)`],
    ['Expires', c.expiresAt === null ? '—' : `${formatDate(c.expiresAt)}${c.ownExpiresAt === c.expiresAt ? ' (the date you set)' : ''}`],
    ['Created', formatDate(c.createdAt)],
    ['Rotated', formatDate(c.rotatedAt) + (c.rotationDue ? ' (rotation due)' : '')],
    ...(c.retiredKeyExpiresAt ? [['Old key', `kept until ${formatDate(c.retiredKeyExpiresAt)} for keywarden check-old-key`] as [string, string]] : []),
  ];
  return rows.map(([name, value]) => `${name.padEnd(14)}${value}`).join('\n');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatIpBinding(c: CredentialInfo): string {
  const exposure = ipExposure(c, Date.now());
  if (exposure) return `${capitalise(ipExposureBadge(exposure))}: ${exposure.message}`;
  const ips = boundIps(c);
  if (ips.length > 0) return `bound to ${ips.join(', ')}`;
  return c.permissions?.ipRestricted === true ? 'restricted to an IP allow-list' : c.permissions?.ipRestricted === false ? 'any IP (read-only: not in danger)' : 'unknown (not verified yet)';
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

/** The audit log as sentences: time, what happened, key, result. */
export function formatAuditLines(lines: readonly AuditLine[], more: boolean): string {
  if (lines.length === 0) return 'No audit records match.';
  const text = table(
    ['TIME (UTC)', 'WHAT HAPPENED', 'KEY', 'RESULT'],
    lines.map((l) => [formatDate(l.at), l.sentence, l.keyLabel ?? '', outcomeWords[l.outcome]]),
  );
  return more ? `${text}\n\nOlder records match too: raise --limit, or narrow with --since/--until.` : text;
}

export function formatAuditReport(report: AuditChainReport): string {
  if (!report.ok) return `Audit log damaged: ${report.message} (${report.rows} records read)`;
  const checked = report.keyed ? 'hash chain and MACs verified' : 'hash chain verified; unlock the vault to check the MACs too';
  const pending = report.pending > 0 ? ` ${report.pending} written while locked are signed at the next unlock.` : '';
  return `Audit log intact: ${report.rows} records, ${checked}.${pending}`;
}

const OUTCOME_MARK: Record<string, string> = { ok: '✓', 'permission-missing': '!', 'no-credit': '!', 'exchange-unavailable': '?', 'provider-unavailable': '?', timeout: '?', 'clock-skew': '?', 'rate-limited': '?' };

export function formatPermissions(p: KeyPermissions | null): string {
  if (!p) return 'unknown (not verified yet)';
  // Unknown (null) says nothing; "off" is worth saying only where off is the safe, expected state.
  // The words are the shared vocabulary's (shared/key-vocabulary.ts), as in the window.
  const onOnly = (value: boolean | null, name: 'futures' | 'internalTransfer' | 'universalTransfer') => (value ? permissionWord(name, true) : null);
  return [
    permissionWord('read', p.read),
    permissionWord('trade', p.trade),
    permissionWord('withdraw', p.withdraw),
    onOnly(p.futures, 'futures'),
    onOnly(p.internalTransfer, 'internalTransfer'),
    onOnly(p.universalTransfer, 'universalTransfer'),
    permissionWord('ipRestricted', p.ipRestricted),
    p.expiresAt ? `expires ${formatDate(p.expiresAt)}` : null,
  ].filter(Boolean).join(' · ');
}

export function formatVerification(result: VerificationResult): string {
  // A key whose trading is blocked never gets the "works" mark, even when the check passed (docs/glossary.md).
  const mark = result.outcome === 'ok' && result.tradingBlock ? '!' : OUTCOME_MARK[result.outcome] ?? '✗';
  const lines = [`${mark} ${result.label} (${result.provider}, ${result.environment}): ${result.message}`];
  if (result.permissions) lines.push(`  Permissions: ${formatPermissions(result.permissions)}`);
  if (result.action) lines.push(`  → ${result.action}`);
  for (const warning of result.warnings) lines.push(`  ! ${warning.message}`);
  if (result.tradingBlock) lines.push(`  Trading blocked: ${tradingBlockWords[result.tradingBlock] ?? 'review it'}. After reviewing it, run: keywarden accept-withdraw-risk "${result.label}"`);
  return lines.join('\n');
}
