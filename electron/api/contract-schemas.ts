/**
 * The schemas (and their types) of the values channels carry, for the transports that parse or
 * print them: the tray re-checks what it shows, the CLI formats outputs and reads option values.
 * Each is the core's own schema, so a transport never writes a second copy of a value's shape.
 */
export { GatewayStatus, IssuedLocalToken, KeyBudgetLine, LocalTokenInfo, ModelPrice } from '../core/ai-gateway/gateway-schema';
export { AuditChainReport, AuditLine, AuditRecord } from '../core/audit/audit-schema';
export { ExposureSetting, ImportReport } from '../core/backup/backup-schema';
export { CredentialInfo, KeyPermissions } from '../core/credentials/credential-schema';
export { IntegrityAlarm, IntegrityStatus, ProtectedTable } from '../core/integrity/integrity-schema';
export { KeyOpenOrders, OpenOrdersChoice, OpenOrdersOutcome } from '../core/key-lifecycle/key-retirement-schema';
export { VerificationResult } from '../core/key-lifecycle/verification-schema';
export { MarketSnapshot, OrderInfo, OrderPreview, RiskLimits, RiskUsage } from '../core/trading/trading-schema';
export { VaultStatus } from '../core/vault/vault-schema';
export { WebhookRefusalCount } from '../core/webhook/refusal-count-schema';
export { AlertMessageRequest, IssuedToken, Simulation, WebhookEventInfo, WebhookSettingsPatch, WebhookSourceInfo, WebhookStatus } from '../core/webhook/webhook-schema';
export { DriftInfo } from '../core/webhook/drift-schema';
