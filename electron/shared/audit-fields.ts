/**
 * How the values an audit row records read in a sentence: a person's name for each field, and a
 * value in its unit ("16 KB", "1,000 USD", "on"), never a raw field name or a byte count.
 */

/** Field names people read. A field not here is not shown in a sentence (ids, hashes, internal codes). */
export const auditFieldNames: Readonly<Record<string, string>> = {
  // Risk limits (trading-schema.ts RiskLimits)
  tradingEnabled: 'Trading',
  paperMode: 'Paper trading',
  symbolAllowList: 'Allowed markets',
  maxOrderNotionalUsd: 'Max order value',
  maxDailyNotionalUsd: 'Max value per day',
  maxOpenExposureUsd: 'Max open exposure',
  maxOrdersPerMinute: 'Max orders per minute',
  maxPriceDeviationPct: 'Max distance from the market price',
  // Webhook listener (webhook-schema.ts WebhookSettings)
  enabled: 'Listener on',
  host: 'Listens on address',
  port: 'Port',
  tradingViewIpsOnly: 'Only TradingView addresses',
  trustedProxy: 'Trusted proxy',
  maxBodyBytes: 'Largest alert',
  maxAlertAgeSeconds: 'Oldest alert accepted',
  dedupeWindowSeconds: 'Same alert ignored within',
  'rateLimits.globalPerSecond': 'Alerts per second (all sources)',
  'rateLimits.globalBurst': 'Burst (all sources)',
  'rateLimits.sourcePerSecond': 'Alerts per second (one source)',
  'rateLimits.sourceBurst': 'Burst (one source)',
  publicBaseUrl: 'Public address',
  tunnel: 'Tunnel',
  // Key checks (key-check-settings.ts)
  verifyIntervalHours: 'Check keys every',
  rotationReminderDays: 'Remind to rotate after',
  // Keys
  expiresAt: 'Expires',
  label: 'Name',
  environment: 'Environment',
  isPrimary: 'Primary key',
  allowPrograms: 'Programs may use it',
  // Vault
  minutes: 'Auto-lock after',
  on: 'Stay unlocked while listening',
  // AI gateway
  monthlyUsd: 'Monthly budget',
  requestsPerMinute: 'Calls per minute',
  inputUsdPerMTok: 'Input price per million tokens',
  outputUsdPerMTok: 'Output price per million tokens',
};

type Value = string | number | boolean | null;

/** A field's value in words, in its unit. */
export function auditValue(field: string, value: Value | undefined): string {
  if (value === null || value === undefined || value === '') return field.endsWith('Usd') || field.startsWith('max') ? 'no limit' : 'none';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') {
    if (field.endsWith('Bytes')) return byteSize(value);
    if (field.endsWith('Usd') || field.endsWith('UsdPerMTok')) return `${groupedNumber(value)} USD`;
    if (field.endsWith('Pct')) return `${groupedNumber(value)} %`;
    if (field.endsWith('Seconds')) return value === 0 ? 'off' : duration(value);
    if (field.endsWith('Hours')) return `${groupedNumber(value)} h`;
    if (field.endsWith('Days')) return `${groupedNumber(value)} days`;
    if (field === 'minutes') return value === 0 ? 'never' : `${groupedNumber(value)} min`;
    return groupedNumber(value);
  }
  if (field === 'symbolAllowList') return value.split(',').join(', ');
  return value;
}

/** 16384 → "16 KB"; 1048576 → "1 MB" (binary units, as the limit was chosen in them). */
export function byteSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${groupedNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
  if (bytes >= 1024) return `${groupedNumber(Math.round((bytes / 1024) * 10) / 10)} KB`;
  return `${bytes} bytes`;
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** 1000 → "1,000"; keeps up to 8 decimals and never rounds a price into another one. */
export function groupedNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [whole = '0', fraction] = Math.abs(value).toString().includes('e') ? [String(value)] : Math.abs(value).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** "Max order value: 500 → 1,000 USD" for each `<field>.from` / `<field>.to` pair in the details. */
export function changePhrases(details: Readonly<Record<string, Value>>): string[] {
  const fields = Object.keys(details).filter((name) => name.endsWith('.to')).map((name) => name.slice(0, -3));
  return fields.map((field) => {
    const name = auditFieldNames[field] ?? 'A setting';
    const from = auditValue(field, details[`${field}.from`]);
    const to = auditValue(field, details[`${field}.to`]);
    // "500 → 1,000 USD": the unit once, when both sides have it.
    const unit = / [^\d\s,.-]+$/.exec(to)?.[0];
    return `${name}: ${unit && from.endsWith(unit) && /^-?[\d,.]+ /.test(from) ? from.slice(0, -unit.length) : from} → ${to}`;
  });
}

/** The readable fields of a row as "Name: value" (for settings rows that record the whole new state). */
export function settingPhrases(details: Readonly<Record<string, Value>>): string[] {
  return Object.entries(details)
    .filter(([name]) => auditFieldNames[name] !== undefined)
    .map(([name, value]) => `${auditFieldNames[name]}: ${auditValue(name, value)}`);
}

/** Field names of a comma list ("tradingEnabled,paperMode") as words, unknown ones dropped. */
export function fieldList(changed: Value | undefined): string {
  if (typeof changed !== 'string' || changed === '') return '';
  return changed.split(',').map((name) => auditFieldNames[name]).filter((name): name is string => name !== undefined).join(', ');
}
