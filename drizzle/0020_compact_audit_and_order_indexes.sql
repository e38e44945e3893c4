-- Issue 22: audit hashes and MACs kept as their 32 bytes instead of 64 hex characters, the previous hash not stored (it is the row before's hash; the chain and its MACs are unchanged), and the client order id's unique index dropped (the id is derived from the idempotency key, which keeps its unique index).
DROP INDEX `orders_client_order_id_unique`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`outcome` text NOT NULL,
	`details` text NOT NULL,
	`hash` blob NOT NULL,
	`mac` blob,
	`kind` text GENERATED ALWAYS AS (CASE WHEN "action" = 'credentials.setSettings' THEN 'settings' WHEN "action" = 'webhook.settings' THEN 'settings' WHEN "action" = 'vault.setAutoLock' THEN 'settings' WHEN "action" = 'vault.setKeepUnlockedWhileListening' THEN 'settings' WHEN "action" = 'gateway.settings' THEN 'settings' WHEN "action" = 'env.import' THEN 'backups' WHEN substr("action", 1, 11) = 'credential.' THEN 'keys' WHEN substr("action", 1, 12) = 'credentials.' THEN 'keys' WHEN substr("action", 1, 6) = 'order.' THEN 'trading' WHEN substr("action", 1, 8) = 'trading.' THEN 'trading' WHEN substr("action", 1, 7) = 'limits.' THEN 'trading' WHEN substr("action", 1, 8) = 'webhook.' THEN 'alerts' WHEN substr("action", 1, 6) = 'vault.' THEN 'vault' WHEN substr("action", 1, 7) = 'backup.' THEN 'backups' WHEN substr("action", 1, 10) = 'integrity.' THEN 'security' WHEN substr("action", 1, 6) = 'audit.' THEN 'security' WHEN substr("action", 1, 6) = 'store.' THEN 'security' WHEN substr("action", 1, 8) = 'gateway.' THEN 'ai' ELSE 'security' END) VIRTUAL,
	`key_id` text GENERATED ALWAYS AS (CASE WHEN "action" = 'limits.set' OR substr("action", 1, 11) = 'credential.' THEN "subject" ELSE coalesce(json_extract("details", '$.credentialId'), json_extract("details", '$.accountId'), json_extract("details", '$.key')) END) VIRTUAL
);
--> statement-breakpoint
INSERT INTO `__new_audit_log`("seq", "at", "actor", "action", "subject", "outcome", "details", "hash", "mac") SELECT "seq", "at", "actor", "action", "subject", "outcome", "details", unhex("hash"), unhex("mac") FROM `audit_log`;--> statement-breakpoint
DROP TABLE `audit_log`;--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `audit_log_kind_idx` ON `audit_log` (`kind`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_key_idx` ON `audit_log` (`key_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);