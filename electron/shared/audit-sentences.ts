/**
 * An audit row as a sentence a person reads: the key by its label, what changed from what to what,
 * in words and units. Every action the core writes has an entry here (audit-sentences.test.ts greps
 * the writers), so no row reads "#14 · webhook.source.create".
 *
 * The key's label is resolved when the row is read (it may have been renamed since): the caller
 * passes the current label of the row's key, or null when the key is gone, and then the label the
 * row recorded is used, or "a deleted key".
 */
import { auditKeyId } from './audit-kinds';
import { changePhrases, fieldList, groupedNumber, settingPhrases } from './audit-fields';
import { statusWord, tradingBlockWords } from './key-vocabulary';

type Value = string | number | boolean | null;

export interface SentenceRow {
  readonly action: string;
  readonly subject: string | null;
  readonly outcome: 'ok' | 'denied' | 'error';
  readonly details: Readonly<Record<string, Value>>;
}

interface Context {
  readonly row: SentenceRow;
  /** The key's label in quotes, or "a deleted key" / "all keys". */
  readonly key: string;
  /** "Key “Binance main”" or "A deleted key", to start a sentence. */
  readonly Key: string;
  str(name: string): string | null;
  num(name: string): number | null;
}

type Sentence = (c: Context) => string;

const okWord = (c: Context, ok: string, denied: string, failed = denied): string => (c.row.outcome === 'ok' ? ok : c.row.outcome === 'denied' ? denied : failed);
const withChanges = (head: string, phrases: readonly string[]): string => (phrases.length ? `${head}: ${phrases.join('; ')}.` : `${head}.`);
const plural = (n: number, one: string, many = `${one}s`): string => `${groupedNumber(n)} ${n === 1 ? one : many}`;
const quoted = (text: string | null): string => (text ? `“${text}”` : 'one');

/** Refusal reasons (error codes) in words; a code not here is left out rather than shown raw. */
const reasonWords: Readonly<Record<string, string>> = {
  'wrong-passphrase': 'wrong passphrase',
  WRONG_PASSPHRASE: 'wrong passphrase',
  BACKUP_WRONG_PASSPHRASE: 'wrong backup passphrase',
  WEAK_PASSPHRASE: 'the passphrase is too weak',
  BACKUP_EXISTS: 'the file already exists',
  UNLOCK_THROTTLED: 'too many wrong passphrases; waiting',
  PASSPHRASE_REQUIRED: 'a passphrase is needed',
  VAULT_LOCKED: 'the vault was locked',
  RISK_LIMIT: 'a risk limit',
  EXCHANGE_UNAVAILABLE: 'the exchange could not be reached',
  ORDER_REJECTED: 'the exchange rejected it',
  NOT_PLACED: 'it was never placed',
  INSUFFICIENT_BALANCE: 'not enough balance',
};
const reason = (c: Context, field = 'reason'): string => {
  const words = reasonWords[c.str(field) ?? ''] ?? reasonWords[c.str('errorCode') ?? ''];
  return words ? ` (${words})` : '';
};

const orderSide = (c: Context): string => `${c.str('side') === 'sell' ? 'Sell' : 'Buy'}${c.str('type') ? ` (${c.str('type')})` : ''} ${c.str('symbol') ?? ''}`.trim();
const paper = (c: Context): string => (c.row.details.paper === true ? ' (paper)' : '');
const orderStatus: Readonly<Record<string, string>> = { open: 'is open', filled: 'filled', partially_filled: 'partly filled', canceled: 'was canceled', failed: 'failed', unknown: 'is unconfirmed', rejected: 'was rejected', sending: 'is being sent' };

const verifyResult: Readonly<Record<string, string>> = {
  ok: 'works',
  'invalid-key': 'was refused: the key is wrong or deleted',
  'invalid-signature': 'was refused: the secret does not match',
  'ip-not-allowed': 'was refused: this computer\'s address is not allowed',
  'clock-skew': 'could not be checked: this computer\'s clock is off',
  'exchange-unavailable': 'could not be checked: the exchange could not be reached',
  timeout: 'could not be checked: the exchange did not answer',
  'permission-missing': 'lacks a permission it needs',
  expired: 'has expired',
};

const tunnelWords: Readonly<Record<string, string>> = { started: 'started', restarted: 'restarted', stopped: 'stopped', failed: 'failed', exited: 'stopped unexpectedly and is restarting' };

/** One sentence per action the core writes. */
export const auditSentences: Readonly<Record<string, Sentence>> = {
  'vault.init': () => 'Vault created.',
  'vault.unlock': (c) => okWord(c, 'Vault unlocked.', `Unlock refused${reason(c)}.`, 'Unlock failed.'),
  'vault.lock': (c) => `Vault locked${c.str('reason') === 'idle' ? ' after being idle' : ''}.`,
  'vault.changePassphrase': () => 'Vault passphrase changed.',
  'vault.confirmPassphrase': (c) => okWord(c, 'Vault passphrase confirmed.', `Vault passphrase refused${reason(c)}.`),
  'vault.addProtector': (c) => (c.str('protector') === 'os-keychain' ? 'Unlocking with the system keychain turned on.' : 'A vault passphrase was set.'),
  'vault.removeProtector': (c) => (c.str('protector') === 'os-keychain' ? 'Unlocking with the system keychain turned off.' : 'An unlock method was removed.'),
  'vault.rotateKey': (c) => `Vault key replaced; ${plural(c.num('reencrypted') ?? 0, 'secret')} encrypted again.`,
  'vault.setAutoLock': (c) => withChanges('Auto-lock changed', settingPhrases(c.row.details)),
  'vault.setKeepUnlockedWhileListening': (c) => `Staying unlocked while listening for alerts turned ${c.row.details.on ? 'on' : 'off'}.`,
  'credential.create': (c) => `${c.Key} added.`,
  'credential.import': (c) => `${c.Key} imported.`,
  'credential.update': (c) => withChanges(`${c.Key} edited`, fieldList(c.row.details.changed) ? [fieldList(c.row.details.changed)] : []),
  'credential.delete': (c) => okWord(c, `${c.Key} deleted.`, `${c.Key} was not deleted: its open orders could not all be canceled.`),
  'credential.revoke': (c) => okWord(c, `${c.Key} revoked.`, `${c.Key} was not revoked: its open orders could not all be canceled.`),
  'credential.verify': (c) => {
    const result = verifyResult[c.str('result') ?? ''] ?? (c.row.outcome === 'ok' ? 'works' : 'failed its check');
    const block = c.str('tradingBlock');
    const state = c.str('previousStatus') ? ` (now ${statusWord(c.str('status') ?? '', block)}, was ${statusWord(c.str('previousStatus') ?? '')})` : '';
    const blocked = block ? ` Trading blocked: ${tradingBlockWords[block] ?? 'review it'}.` : '';
    return `${c.Key} checked: it ${result}${state}.${blocked}`;
  },
  'credential.rotate': (c) => `${c.Key} replaced by a new key${c.row.details.verified ? ' (checked)' : ''}.`,
  'credential.destroyOldKey': (c) => `The old key of ${c.key} was destroyed.`,
  'credential.acceptRisk': (c) => `You accepted that ${c.Key.charAt(0).toLowerCase()}${c.Key.slice(1)} can withdraw; it may trade again.`,
  'credential.settings': (c) => `Wallet settings of ${c.key} changed.`,
  'credential.exportSecret': (c) => `The secret of ${c.key} was shown for export.`,
  'credential.release': (c) => okWord(c, `${c.Key} was handed to a program.`, 'A program was refused a key.'),
  'credential.releaseApprovalForgotten': (c) => `A program's permission to use ${c.key} was forgotten.`,
  'credentials.previewsRewritten': (c) => `The masked previews of ${plural(c.num('count') ?? 0, 'key')} were updated.`,
  'credentials.setSettings': (c) => withChanges('Key check settings changed', settingPhrases(c.row.details)),
  'order.place': (c) => okWord(c, `${orderSide(c)} order${paper(c)} sent with ${c.key}.`, `${orderSide(c)} order with ${c.key} refused${reason(c, 'rule')}.`),
  'order.result': (c) => `Order ${orderStatus[c.str('status') ?? ''] ?? 'updated'}${reason(c, 'errorCode')}.`,
  'order.cancel': () => 'Order canceled.',
  'order.reconcile': (c) => `Order checked with the exchange: it ${orderStatus[c.str('status') ?? ''] ?? 'was updated'}.`,
  'order.signed': () => 'Order signed.',
  'limits.set': (c) => {
    if (c.row.details.cleared === true) return `The own risk limits of ${c.key} were removed (the global limits still apply).`;
    if (c.row.details.changed === '') return `Risk limits of ${c.key} saved; nothing changed.`;
    const changes = changePhrases(c.row.details);
    const names = fieldList(c.row.details.changed);
    return withChanges(`Risk limits of ${c.key} changed`, changes.length ? changes : names ? [names] : []);
  },
  'trading.pause': () => 'Trading paused (kill switch).',
  'trading.resume': () => 'Trading resumed.',
  'trading.leverage': (c) => `Leverage of ${c.key} on ${c.str('symbol') ?? 'a perpetual'} set to ${c.num('leverage') ?? '?'}x${c.str('marginMode') ? ` (${c.str('marginMode')} margin)` : ''}.`,
  // Generic on purpose: one row per alert, or one per step of it, both read right.
  'webhook.alert': (c) => okWord(c, 'An alert was received and its order placed.', 'An alert was refused.', 'An alert could not be handled.'),
  'webhook.settings': (c) => withChanges('Webhook listener settings changed', settingPhrases(c.row.details)),
  'webhook.source.create': (c) => `Alert source ${quoted(c.str('label'))} created.`,
  'webhook.source.update': (c) => `Alert source ${quoted(c.str('label'))} changed${c.row.details.enabled === false ? ' (turned off)' : ''}.`,
  'webhook.source.delete': (c) => `Alert source ${quoted(c.str('label'))} deleted.`,
  'webhook.source.rotate': (c) => `Alert source ${quoted(c.str('label'))} got a new address; the old one works for ${plural(c.num('graceMinutes') ?? 0, 'more minute')}.`,
  'webhook.source.restore': (c) => `Alert source ${quoted(c.str('label'))} restored from a backup.`,
  'webhook.drift': (c) => `Holdings of ${c.str('symbol') ?? 'a market'} on ${c.key} differ from what the alerts expected.`,
  'webhook.drift.fix': (c) => `The holdings difference of ${c.str('symbol') ?? 'a market'} on ${c.key} was fixed with an order.`,
  'webhook.drift.dismiss': (c) => `The holdings difference of ${c.str('symbol') ?? 'a market'} on ${c.key} was dismissed.`,
  'webhook.tunnel': (c) => `The tunnel ${tunnelWords[c.row.action.split('.')[2] ?? ''] ?? 'changed'}.`,
  'backup.export': (c) => okWord(c, 'Backup written.', `Backup not written${reason(c)}.`, 'Backup failed.'),
  'backup.import': (c) => okWord(c, `Backup restored: ${plural(c.num('imported') ?? 0, 'key')} added.`, `Backup not restored${reason(c)}.`, 'Backup restore failed.'),
  'env.import': (c) => okWord(c, `Keys imported from a .env file: ${plural(c.num('imported') ?? 0, 'key')} added.`, `Keys not imported from the .env file${reason(c)}.`, 'Import from the .env file failed.'),
  'integrity.alarm': () => 'A protected setting or key was changed outside Keywarden; trading stopped.',
  'integrity.acknowledge': () => 'You kept a setting that was changed outside Keywarden.',
  'integrity.adopt': () => 'Protected settings were signed for this vault.',
  'audit.endorse': (c) => `${plural(c.num('endorsed') ?? 0, 'record')} written while locked were signed.`,
  'audit.adopt': (c) => `${plural(c.num('adopted') ?? 0, 'record')} of the audit log were signed for this vault.`,
  'audit.tampered': () => 'The audit log was changed outside Keywarden.',
  'store.permissionsTightened': () => 'The data folder was made readable by you only.',
  'gateway.token.create': (c) => `AI gateway token ${quoted(c.str('label'))} created.`,
  'gateway.token.revoke': (c) => `AI gateway token ${quoted(c.str('label'))} revoked.`,
  'gateway.settings': (c) => withChanges('AI gateway settings changed', settingPhrases(c.row.details)),
  'gateway.budget': (c) => withChanges(`AI budget of ${c.key} set`, settingPhrases(c.row.details).filter((p) => !p.startsWith('Name'))),
  'gateway.price': (c) => `Price of the model ${quoted(c.str('model'))} set.`,
  'gateway.price.remove': (c) => `Price of the model ${quoted(c.str('model'))} removed.`,
};

/** Actions written with a variable last part (`webhook.tunnel.started`) read by their stem. */
const stemmed: readonly string[] = ['webhook.tunnel'];

export function hasSentence(action: string): boolean {
  return auditSentences[action] !== undefined || stemmed.some((stem) => action.startsWith(`${stem}.`));
}

/**
 * The key phrase for a row: the label now (`currentLabel`), else the one recorded, else "a deleted key";
 * limits of scope "global" are "all keys".
 */
export function auditKeyLabel(row: SentenceRow, currentLabel: string | null): string | null {
  if (row.action === 'limits.set' && row.subject === 'global') return null;
  if (auditKeyId(row) === null) return null;
  if (currentLabel !== null) return currentLabel;
  const recorded = row.details.label;
  return typeof recorded === 'string' && recorded !== '' ? recorded : null;
}

export function auditSentence(row: SentenceRow, currentLabel: string | null): string {
  const label = auditKeyLabel(row, currentLabel);
  const key = row.action === 'limits.set' && row.subject === 'global' ? 'all keys' : label ? `“${label}”` : 'a deleted key';
  const context: Context = {
    row,
    key,
    Key: label ? `Key “${label}”` : key === 'all keys' ? 'All keys' : 'A deleted key',
    str: (name) => { const v = row.details[name]; return typeof v === 'string' && v !== '' ? v : null; },
    num: (name) => { const v = row.details[name]; return typeof v === 'number' ? v : null; },
  };
  const stem = stemmed.find((s) => row.action.startsWith(`${s}.`));
  const sentence = auditSentences[row.action] ?? (stem ? auditSentences[stem] : undefined);
  return sentence ? sentence(context) : 'Something Keywarden did (recorded by a newer version).';
}
