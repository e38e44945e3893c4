/**
 * React hooks over the app's stores. A selector that builds a new array or object must be wrapped in
 * useShallow by the caller (zustand 5 re-renders forever on a fresh value each time).
 */
import { useContext } from 'react';
import { useStore } from 'zustand';
import { AppStoresContext, type AppStores } from './app-stores';
import type { AiProvidersState } from './ai-providers-store';
import type { AuditState } from './audit-store';
import type { BackupState } from './backup-store';
import type { CredentialsState } from './credentials-store';
import type { ExchangesState } from './exchanges-store';
import type { GatewayState } from './gateway-store';
import type { IntegrityState } from './integrity-store';
import type { LimitsState } from './limits-store';
import type { NavigationState } from './navigation-store';
import type { ReleaseApprovalState } from './release-approval-store';
import type { ToastState } from './toast-store';
import type { TradingState } from './trading-store';
import type { UsageState } from './usage-store';
import type { VaultState } from './vault-store';
import type { WebhookState } from './webhook-store';

export function useAppStores(): AppStores {
  const stores = useContext(AppStoresContext);
  if (stores === null) throw new Error('useAppStores outside <AppStoresContext.Provider>');
  return stores;
}

export const useVault = <T>(selector: (state: VaultState) => T): T => useStore(useAppStores().vault, selector);
export const useCredentials = <T>(selector: (state: CredentialsState) => T): T => useStore(useAppStores().credentials, selector);
export const useExchanges = <T>(selector: (state: ExchangesState) => T): T => useStore(useAppStores().exchanges, selector);
export const useAiProviders = <T>(selector: (state: AiProvidersState) => T): T => useStore(useAppStores().aiProviders, selector);
export const useUsage = <T>(selector: (state: UsageState) => T): T => useStore(useAppStores().usage, selector);
export const useGateway = <T>(selector: (state: GatewayState) => T): T => useStore(useAppStores().gateway, selector);
export const useAudit = <T>(selector: (state: AuditState) => T): T => useStore(useAppStores().audit, selector);
export const useToasts = <T>(selector: (state: ToastState) => T): T => useStore(useAppStores().toasts, selector);
export const useNavigation = <T>(selector: (state: NavigationState) => T): T => useStore(useAppStores().navigation, selector);
export const useTrading = <T>(selector: (state: TradingState) => T): T => useStore(useAppStores().trading, selector);
export const useLimits = <T>(selector: (state: LimitsState) => T): T => useStore(useAppStores().limits, selector);
export const useBackup = <T>(selector: (state: BackupState) => T): T => useStore(useAppStores().backup, selector);
export const useWebhook = <T>(selector: (state: WebhookState) => T): T => useStore(useAppStores().webhook, selector);
export const useIntegrity = <T>(selector: (state: IntegrityState) => T): T => useStore(useAppStores().integrity, selector);
export const useReleaseApprovals = <T>(selector: (state: ReleaseApprovalState) => T): T => useStore(useAppStores().releaseApprovals, selector);
