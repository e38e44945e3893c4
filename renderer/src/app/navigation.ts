/**
 * The pages of the unlocked app, in menu order. Pages for later issues (risk limits, personal
 * trading, orders, webhooks) are added here and in the View type, and nowhere else in the shell.
 */
import type { View } from '../stores/navigation-store';

export interface NavigationItem {
  readonly view: View;
  readonly label: string;
  /** Views reached from this menu item (e.g. "Add key" belongs to Accounts). */
  readonly also?: readonly View[];
}

export const navigationItems: readonly NavigationItem[] = [
  { view: 'accounts', label: 'Accounts', also: ['add-key'] },
  { view: 'audit', label: 'Audit log' },
  { view: 'settings', label: 'Settings' },
];
