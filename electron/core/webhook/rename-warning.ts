/**
 * Generated alert messages name accounts by label (alert-message.ts), so renaming an account that an
 * alert source trades breaks the alerts already pasted into TradingView: they are refused (never
 * placed on another account, since a source trades only the accounts in its scope, stored by id).
 * The person is told before the rename, in the window and in the CLI, which sources are affected.
 */
import { z } from 'zod';
import { CredentialRef } from '../credentials/credential-schema';
import type { WebhookSourceInfo } from './webhook-schema';

export const RenameImpactRequest = z.strictObject({
  ref: CredentialRef,
  /** The label the account would get. */
  label: z.string().trim().min(1, 'must not be empty').max(64),
});
export type RenameImpactRequest = z.infer<typeof RenameImpactRequest>;

export const RenameImpact = z.object({
  /** The alert sources whose scope holds the account. */
  sources: z.array(z.object({ id: z.string(), label: z.string(), enabled: z.boolean() })),
  /** What renaming does to their alerts; null when no source trades the account or the label stays. */
  warning: z.string().nullable(),
});
export type RenameImpact = z.infer<typeof RenameImpact>;

export function renameImpact(account: { readonly id: string; readonly label: string }, newLabel: string, sources: readonly WebhookSourceInfo[]): RenameImpact {
  const trading = sources.filter((source) => source.scope.accounts?.includes(account.id) ?? false).map(({ id, label, enabled }) => ({ id, label, enabled }));
  const renamed = newLabel.trim().toLowerCase() !== account.label.toLowerCase();
  if (!renamed || trading.length === 0) return { sources: trading, warning: null };
  const names = trading.map((source) => `"${source.label}"${source.enabled ? '' : ' (off)'}`).join(', ');
  return {
    sources: trading,
    warning: `Alerts that name this account "${account.label}" will be refused after the rename (${trading.length === 1 ? 'alert source' : 'alert sources'} ${names}). Generate the alert message again on the Webhook page and paste it into each TradingView alert that trades this account; alerts that name it by id keep working.`,
  };
}
