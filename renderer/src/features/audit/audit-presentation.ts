/** Plain words for audit records. Unknown actions (from newer versions) show their raw name. */
import type { AuditRecord } from '../../api/contract-types';

const actionLabels: Readonly<Record<string, string>> = {
  'vault.init': 'Vault created',
  'vault.unlock': 'Vault unlocked',
  'vault.lock': 'Vault locked',
  'vault.changePassphrase': 'Passphrase changed',
  'vault.confirmPassphrase': 'Passphrase confirmed',
  'vault.addProtector': 'Unlock method added',
  'vault.removeProtector': 'Unlock method removed',
  'vault.rotateKey': 'Vault key rotated',
  'vault.setAutoLock': 'Auto-lock changed',
  'credential.create': 'Key added',
  'credential.update': 'Key edited',
  'credential.delete': 'Key deleted',
  'credential.import': 'Key imported',
  'credential.verify': 'Key verified',
  'credential.rotate': 'Key rotated',
  'credential.destroyOldKey': 'Old key destroyed',
  'credential.revoke': 'Key revoked',
  'credential.acceptRisk': 'Withdraw risk accepted',
  'credentials.setSettings': 'Key checks changed',
  'order.place': 'Order placed',
  'order.result': 'Order updated',
  'order.cancel': 'Order canceled',
  'order.reconcile': 'Order reconciled',
  'limits.set': 'Risk limits changed',
  'trading.pause': 'Trading paused',
  'trading.resume': 'Trading resumed',
  'webhook.alert': 'Webhook alert',
  'webhook.settings': 'Webhook settings changed',
  'webhook.source.create': 'Alert source created',
  'webhook.source.update': 'Alert source changed',
  'webhook.source.delete': 'Alert source deleted',
  'webhook.source.rotate': 'Alert source token rotated',
  'backup.export': 'Backup written',
  'backup.import': 'Backup restored',
  'env.import': 'Keys imported from .env',
};

const refusedLabels: Readonly<Record<string, string>> = {
  'vault.unlock': 'Unlock refused',
  'vault.confirmPassphrase': 'Passphrase refused',
  'credential.verify': 'Key check failed',
  'credential.revoke': 'Revoke stopped (open orders not canceled)',
  'credential.delete': 'Delete stopped (open orders not canceled)',
  'order.place': 'Order refused',
  'webhook.alert': 'Webhook alert refused',
};

export function actionLabel(record: AuditRecord): string {
  if (record.outcome !== 'ok') return refusedLabels[record.action] ?? actionLabels[record.action] ?? record.action;
  return actionLabels[record.action] ?? record.action;
}

export const actorLabels: Readonly<Record<AuditRecord['actor'], string>> = {
  ui: 'You (app)',
  tray: 'Tray menu',
  webhook: 'Webhook',
  cli: 'CLI',
  system: 'Keywarden',
};

export const outcomeLabels: Readonly<Record<AuditRecord['outcome'], string>> = {
  ok: 'Done',
  denied: 'Refused',
  error: 'Failed',
};

/** The filters offered above the log: an action-name prefix each. */
export const auditFilters: readonly { readonly prefix: string; readonly label: string }[] = [
  { prefix: '', label: 'All activity' },
  { prefix: 'vault.', label: 'Vault (unlock, lock, passphrase, key)' },
  { prefix: 'credential', label: 'Keys (added, checked, rotated, revoked)' },
  { prefix: 'order.', label: 'Orders' },
  { prefix: 'trading.', label: 'Kill switch (pause, resume)' },
  { prefix: 'limits.', label: 'Risk limits' },
  { prefix: 'webhook.', label: 'Webhook' },
];

/** Details as "name: value" pairs, in a stable order. Audit details never hold secrets. */
export function detailPairs(record: AuditRecord): readonly (readonly [string, string])[] {
  return Object.entries(record.details)
    .filter(([, value]) => value !== null && value !== '')
    .map(([name, value]) => [humanise(name), String(value)] as const);
}

function humanise(name: string): string {
  const spaced = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
