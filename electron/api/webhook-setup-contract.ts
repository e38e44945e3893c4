/**
 * Issue 19's channels: whether a lock refuses alerts (the lock warning, the lock screen, the sidebar,
 * the tray), the per-vault "keep the vault unlocked while the listener is on", "Send test alert", and
 * the warning before renaming an account that alert messages name by label.
 * Spread into `contract` (contract.ts). No output holds a token: the test alert masks it.
 */
import { RenameImpact, RenameImpactRequest } from '../core/webhook/rename-warning';
import { KeepUnlockedRequest, ListenerWatchStatus, TestAlertRequest, TestAlertResult } from '../core/webhook/webhook-setup-schema';
import { channel, NoInput } from './channel';

export const webhookSetupChannels = {
  'webhook.setup.status': channel({ access: 'any', activity: 'none', input: NoInput, output: ListenerWatchStatus, summary: 'Whether locking refuses alerts now (listener on, a source enabled), and whether the vault is kept unlocked while the listener is on.' }),
  'webhook.setup.testAlert': channel({
    access: 'unlocked', activity: 'user',
    input: TestAlertRequest,
    output: TestAlertResult,
    summary: 'Send a harmless test alert with the token just shown, through the public URL when set (else to the listener), and report each hop; nothing trades.',
  }),
  'vault.keepUnlockedWhileListening.set': channel({
    access: 'unlocked', activity: 'user',
    input: KeepUnlockedRequest,
    output: ListenerWatchStatus,
    summary: 'Keep the vault unlocked while the listener runs with an enabled source (the idle lock waits); turning it on needs understood: true.',
  }),
  'webhook.renameImpact': channel({
    access: 'unlocked', activity: 'none',
    input: RenameImpactRequest,
    output: RenameImpact,
    summary: 'Before renaming an account: the alert sources that trade it, and the warning that alerts naming its old label will be refused.',
  }),
} as const;
