/**
 * Every store of the app, created once at start-up from window.keywarden. Each store subscribes to
 * the events it cares about when it is created, so subscriptions exist exactly once.
 */
import { createContext } from 'react';
import type { KeywardenApi } from '../api/contract-types';
import { createAiProvidersStore, type AiProvidersStore } from './ai-providers-store';
import { createAuditStore, type AuditStore } from './audit-store';
import { createBackupStore, type BackupStore } from './backup-store';
import { createCredentialsStore, type CredentialsStore } from './credentials-store';
import { createExchangesStore, type ExchangesStore } from './exchanges-store';
import { createGatewayStore, type GatewayStore } from './gateway-store';
import { createIntegrityStore, type IntegrityStore } from './integrity-store';
import { createLimitsStore, type LimitsStore } from './limits-store';
import { createNavigationStore, type NavigationStore } from './navigation-store';
import { createReleaseApprovalStore, type ReleaseApprovalStore } from './release-approval-store';
import { createToastStore, type ToastStore } from './toast-store';
import { createTradingStore, type TradingStore } from './trading-store';
import { createUsageStore, type UsageStore } from './usage-store';
import { createVaultStore, type VaultStore } from './vault-store';
import { createWebhookStore, type WebhookStore } from './webhook-store';
import { createListenerWatchStore, type ListenerWatchStore } from '../features/vault/listener-watch-store';

export interface AppStores {
  readonly vault: VaultStore;
  readonly credentials: CredentialsStore;
  readonly exchanges: ExchangesStore;
  readonly aiProviders: AiProvidersStore;
  /** How the keys were used (issue 17). */
  readonly usage: UsageStore;
  /** The local AI gateway: its status, local tokens and budgets (issue 17). */
  readonly gateway: GatewayStore;
  readonly audit: AuditStore;
  readonly trading: TradingStore;
  readonly limits: LimitsStore;
  readonly webhook: WebhookStore;
  /** Whether a lock refuses alerts, the test alert, "keep unlocked" (issue 19). */
  readonly listenerWatch: ListenerWatchStore;
  readonly backup: BackupStore;
  readonly toasts: ToastStore;
  readonly navigation: NavigationStore;
  readonly integrity: IntegrityStore;
  /** Programs waiting for a person to allow them keys. */
  readonly releaseApprovals: ReleaseApprovalStore;
}

export function createAppStores(api: KeywardenApi): AppStores {
  const credentials = createCredentialsStore(api);
  return {
    vault: createVaultStore(api),
    credentials,
    exchanges: createExchangesStore(api),
    aiProviders: createAiProvidersStore(api),
    usage: createUsageStore(api),
    gateway: createGatewayStore(api),
    audit: createAuditStore(api),
    trading: createTradingStore(api),
    limits: createLimitsStore(api),
    webhook: createWebhookStore(api),
    listenerWatch: createListenerWatchStore(api),
    backup: createBackupStore(api, credentials),
    toasts: createToastStore(),
    navigation: createNavigationStore(),
    integrity: createIntegrityStore(api),
    releaseApprovals: createReleaseApprovalStore(api),
  };
}

export const AppStoresContext = createContext<AppStores | null>(null);
