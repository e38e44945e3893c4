/**
 * What a backup holds once decrypted: a versioned JSON document with an open set of sections.
 *
 * `version` changes only when an old Keywarden could not read the document correctly any more. New
 * kinds of data (risk limits, webhook sources) are added as new sections without a version change:
 * an older Keywarden restores what it knows and reports the sections it had to leave out.
 */
import { z } from 'zod';
import { Environment, KeyPermissions } from '../credentials/credential-schema';
import { KeywardenError } from '../errors';
import { settingsInBackups } from '../store/settings-registry';
import { RiskLimits, SourceScope } from '../trading/trading-schema';

export const BACKUP_PAYLOAD_VERSION = 1;
const PAYLOAD_KIND = 'keywarden-backup';

export const BackupCredential = z.object({
  /** Its id in the vault it came from (absent in older backups): kept on restore when free. */
  id: z.string().max(64).optional(),
  provider: z.string(),
  label: z.string(),
  environment: Environment,
  isPrimary: z.boolean(),
  createdAt: z.number(),
  rotatedAt: z.number().nullable(),
  /** The permissions the user accepted (a key that can withdraw), so that decision survives. */
  acceptedPermissions: KeyPermissions.nullable(),
  /** The expiry date the owner set (absent in older backups): a restriction, so it is restored. */
  ownExpiresAt: z.number().int().positive().nullable().optional(),
  /** Plaintext field values: only ever inside the encrypted payload. */
  fields: z.record(z.string(), z.string()),
});
export type BackupCredential = z.infer<typeof BackupCredential>;

/** Each setting the registry marks for backups, under its field (absent in backups made before it was carried). */
export const BackupSettings = z.object(Object.fromEntries(settingsInBackups.map((setting) => [setting.backup.field, setting.schema.optional()])));
export type BackupSettings = z.infer<typeof BackupSettings>;

/** Risk limits the user set: the global ones, and each account's by its place in `credentials`. */
export const BackupLimits = z.object({
  global: RiskLimits.nullable(),
  accounts: z.array(z.object({ credential: z.number().int().min(0), limits: RiskLimits })),
});
export type BackupLimits = z.infer<typeof BackupLimits>;

/**
 * An alert source: its token's SHA-256 (never the token, which Keywarden does not have), so the
 * webhook URL pasted in TradingView keeps working after a restore; its scope's accounts by their
 * place in `credentials`.
 */
export const BackupWebhookSource = z.object({
  id: z.string().max(64),
  label: z.string(),
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  enabled: z.boolean(),
  scope: SourceScope.extend({ accounts: z.array(z.number().int().min(0)).nullable() }),
  createdAt: z.number(),
});
export type BackupWebhookSource = z.infer<typeof BackupWebhookSource>;

/** The sections this version writes and restores. */
export const knownSections = ['credentials', 'settings', 'limits', 'webhookSources'] as const;

const BackupPayload = z.object({
  kind: z.literal(PAYLOAD_KIND),
  version: z.literal(BACKUP_PAYLOAD_VERSION),
  createdAt: z.number(),
  sections: z.looseObject({
    credentials: z.array(BackupCredential).default([]),
    settings: BackupSettings.default({}),
    // Absent from backups made before limits were backed up.
    limits: BackupLimits.default({ global: null, accounts: [] }),
    // Absent from backups made before alert sources were backed up.
    webhookSources: z.array(BackupWebhookSource).default([]),
  }),
});
export type BackupPayload = z.infer<typeof BackupPayload>;

export function serialisePayload(payload: { createdAt: number; credentials: readonly BackupCredential[]; settings: BackupSettings; limits: BackupLimits; webhookSources: readonly BackupWebhookSource[] }): Buffer {
  const { credentials, settings, limits, webhookSources } = payload;
  const document = { kind: PAYLOAD_KIND, version: BACKUP_PAYLOAD_VERSION, createdAt: payload.createdAt, sections: { credentials, settings, limits, webhookSources } };
  return Buffer.from(JSON.stringify(document), 'utf8');
}

/**
 * Reads a decrypted payload. It passed GCM, so it is what a Keywarden wrote: a document that does
 * not fit is from a newer version (or a bug), never an attack. Errors never quote the document.
 */
export function parsePayload(plaintext: Buffer): { payload: BackupPayload; unknownSections: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw unreadable();
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > BACKUP_PAYLOAD_VERSION) {
    throw new KeywardenError('BACKUP_TOO_NEW', `This backup was made by a newer version of Keywarden (contents version ${version}). Update Keywarden to restore it; nothing was changed.`);
  }
  const parsed = BackupPayload.safeParse(json);
  if (!parsed.success) throw unreadable();
  const unknownSections = Object.keys(parsed.data.sections).filter((name) => !(knownSections as readonly string[]).includes(name));
  return { payload: parsed.data, unknownSections };
}

function unreadable(): KeywardenError {
  return new KeywardenError('BACKUP_INVALID', 'This backup opened with your passphrase, but its contents are not in a form this version of Keywarden understands. Nothing was changed; try a newer Keywarden.');
}
