/**
 * The contract's shapes under the names the renderer uses. Everything is derived from the channel
 * types, so a change in the contract shows up here as a type error, never as a silent mismatch.
 */
import type { ChannelInput, ChannelOutput, ContractError, ContractEventPayload, ContractResult } from '../../../electron/api/contract';

export type { ChannelInput, ChannelName, ChannelOutput, ContractError, ContractEventName, ContractEventPayload, ContractResult } from '../../../electron/api/contract';
export type { KeywardenApi } from '../../../electron/api/keywarden-api';

export type VaultStatus = ChannelOutput<'vault.status'>;
export type ProtectorKind = VaultStatus['protectors'][number]['kind'];
export type LockReason = ContractEventPayload<'vault.locked'>['reason'];

export type ExchangeInfo = ChannelOutput<'exchanges.get'>;
export type CredentialFieldName = ExchangeInfo['fields'][number];

export type CredentialInfo = ChannelOutput<'credentials.get'>;
export type CredentialStatus = CredentialInfo['status'];
export type CredentialKind = CredentialInfo['kind'];
export type Environment = CredentialInfo['environment'];

export type AiProviderInfo = ChannelOutput<'aiProviders.list'>[number];
export type AiProviderField = AiProviderInfo['fields'][number];

export type UsageReport = ChannelOutput<'usage.report'>;
export type KeyUsageLine = UsageReport['keys'][number];
export type UseCounts = KeyUsageLine['verification'];
export type UnusedKey = UsageReport['unused'][number];

export type AuditRecord = ChannelOutput<'audit.list'>[number];
export type AuditChainReport = ChannelOutput<'audit.verify'>;
export type AuditLine = ChannelOutput<'audit.query'>['lines'][number];
export type AuditFilter = NonNullable<ChannelInput<'audit.exportCsv'>['filter']>;

export type ErrorCode = ContractError['code'];

/** The outcome of a store action: the contract's envelope, so forms can show the core's own message. */
export type ActionResult<T = void> = ContractResult<T>;

export type VerificationResult = ChannelOutput<'credentials.verify'>;
export type VerificationOutcome = VerificationResult['outcome'];
export type VerificationWarning = VerificationResult['warnings'][number];
export type WarningCode = VerificationWarning['code'];
export type KeyPermissions = NonNullable<CredentialInfo['permissions']>;
export type TradingBlock = NonNullable<CredentialInfo['tradingBlock']>;
export type CredentialHistory = ChannelOutput<'credentials.history'>;
export type VerificationRecord = CredentialHistory['verifications'][number];
export type RotationResult = ChannelOutput<'credentials.rotate'>;
export type OldKeyCheck = ChannelOutput<'credentials.checkOldKey'>;
export type CredentialSettings = ChannelOutput<'credentials.getSettings'>;
export type KeyOpenOrders = ChannelOutput<'credentials.openOrders'>;
export type OpenOrdersChoice = NonNullable<ChannelInput<'credentials.revoke'>['openOrders']>;
export type OpenOrdersOutcome = ChannelOutput<'credentials.revoke'>['orders'];
export type RevokeResult = ChannelOutput<'credentials.revoke'>;
export type DeleteResult = ChannelOutput<'credentials.delete'>;

export type OrderIntent = ChannelInput<'trading.place'>;
export type OrderInfo = ChannelOutput<'orders.get'>;
export type OrderStatus = OrderInfo['status'];
export type OrderSide = OrderInfo['side'];
export type OrderType = OrderInfo['type'];
export type AmountUnit = OrderInfo['requestedUnit'];
export type PlaceResult = ChannelOutput<'trading.place'>;
export type OrderPreview = ChannelOutput<'trading.preview'>;
export type MarketSnapshot = ChannelOutput<'trading.market'>;
export type RiskDecision = OrderPreview['decision'];
export type RiskRule = NonNullable<RiskDecision['rule']>;
export type PauseState = ChannelOutput<'trading.status'>;
export type PanicResult = ChannelOutput<'trading.panic'>;
export type LimitsOverview = ChannelOutput<'limits.get'>;
export type RiskLimits = LimitsOverview['global']['limits'];
export type RiskUsage = LimitsOverview['global']['usage'];
export type AccountLimits = LimitsOverview['accounts'][number];

export type WebhookStatus = ChannelOutput<'webhook.status'>;
export type WebhookSettings = ChannelOutput<'webhook.settings.get'>;
export type WebhookSettingsPatch = ChannelInput<'webhook.settings.set'>;
export type WebhookSource = ChannelOutput<'webhook.sources.list'>[number];
export type SourceScopeInput = NonNullable<ChannelInput<'webhook.sources.create'>['scope']>;
/** Holds the one-time token: kept in the component that shows it, never in a store. */
export type IssuedToken = ChannelOutput<'webhook.sources.create'>;
export type WebhookEvent = ChannelOutput<'webhook.events.list'>[number];
export type WebhookOutcome = WebhookEvent['outcome'];
export type WebhookRefusalCount = ChannelOutput<'webhook.refusals.list'>[number];
export type AlertMessageRequest = ChannelInput<'webhook.message'>;
export type AlertMessage = ChannelOutput<'webhook.message'>;

export type GatewayStatus = ChannelOutput<'gateway.status'>;
export type GatewaySettings = ChannelOutput<'gateway.settings.get'>;
export type LocalTokenInfo = ChannelOutput<'gateway.tokens.list'>[number];
export type IssuedLocalToken = ChannelOutput<'gateway.tokens.create'>;
export type KeyBudgetLine = ChannelOutput<'gateway.budgets.get'>[number];
export type ModelPrice = ChannelOutput<'gateway.prices.get'>[number];
