/**
 * The pages of the unlocked app: the menu, in order, and the component each view shows. A new
 * page is added here and in the View type (stores/navigation-store.ts), and nowhere else in the shell.
 */
import type { ComponentType } from 'react';
import { ArrowLeftRight, ChartPie, Gauge, KeyRound, ScrollText, Settings, Sparkles, Wallet, Webhook, type LucideIcon } from 'lucide-react';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { AddAiKeyPage } from '../features/ai-keys/AddAiKeyPage';
import { AiKeysPage } from '../features/ai-keys/AiKeysPage';
import { AddKeyPage } from '../features/accounts/AddKeyPage';
import { KeyDetailPage } from '../features/accounts/KeyDetailPage';
import { AuditPage } from '../features/audit/AuditPage';
import { LimitsPage } from '../features/limits/LimitsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { TradePage } from '../features/trading/TradePage';
import { AddPolymarketPage } from '../features/polymarket/AddPolymarketPage';
import { PolymarketAccountPage } from '../features/polymarket/PolymarketAccountPage';
import { PolymarketPage } from '../features/polymarket/PolymarketPage';
import { AddWalletPage } from '../features/wallets/AddWalletPage';
import { WalletPage } from '../features/wallets/WalletPage';
import { WalletsPage } from '../features/wallets/WalletsPage';
import { WebhookPage } from '../features/webhook/WebhookPage';
import type { View } from '../stores/navigation-store';

export interface NavigationItem {
  readonly view: View;
  readonly label: string;
  /** Beside the label, hidden from screen readers (the label is the name). */
  readonly icon: LucideIcon;
  /** Views reached from this menu item (e.g. "Add key" belongs to Accounts). */
  readonly also?: readonly View[];
}

export const navigationItems: readonly NavigationItem[] = [
  { view: 'accounts', label: 'Accounts', icon: KeyRound, also: ['add-key', 'key'] },
  { view: 'ai-keys', label: 'AI keys', icon: Sparkles, also: ['add-ai-key', 'ai-key'] },
  { view: 'wallets', label: 'Wallets', icon: Wallet, also: ['add-wallet', 'wallet'] },
  { view: 'trade', label: 'Trade', icon: ArrowLeftRight },
  { view: 'polymarket', label: 'Polymarket', icon: ChartPie, also: ['add-polymarket', 'polymarket-account'] },
  { view: 'limits', label: 'Risk limits', icon: Gauge },
  { view: 'webhook', label: 'Webhook', icon: Webhook },
  { view: 'audit', label: 'Audit log', icon: ScrollText },
  { view: 'settings', label: 'Settings', icon: Settings },
];

export const pages: Readonly<Record<View, ComponentType>> = {
  accounts: AccountsPage,
  'add-key': AddKeyPage,
  key: KeyDetailPage,
  'ai-keys': AiKeysPage,
  'add-ai-key': AddAiKeyPage,
  'ai-key': KeyDetailPage,
  wallets: WalletsPage,
  'add-wallet': AddWalletPage,
  wallet: WalletPage,
  trade: TradePage,
  polymarket: PolymarketPage,
  'add-polymarket': AddPolymarketPage,
  'polymarket-account': PolymarketAccountPage,
  limits: LimitsPage,
  webhook: WebhookPage,
  audit: AuditPage,
  settings: SettingsPage,
};
