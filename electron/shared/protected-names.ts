/**
 * Two closed name lists the core's schemas are built from and the CLI prints in its help. They live
 * in the shared tier so the CLI can name them without loading zod and the core's schemas, which a
 * command answered by the agent never needs.
 */

/** Tables whose rows decide whether money moves, each row MAC'd (integrity alarms name them). */
export const protectedTableNames = ['credentials', 'risk_limits', 'webhook_sources', 'settings', 'gateway_tokens', 'futures_settings'] as const;

/**
 * Listener settings that let more in when widened: a restore applies a wider value from a backup
 * only when the person chose it (issue 14: a restore never lowers protection silently).
 */
export const exposureSettingNames = ['host', 'trustedProxy', 'maxAlertAge', 'rateLimits', 'tradingViewIpsOnly'] as const;
