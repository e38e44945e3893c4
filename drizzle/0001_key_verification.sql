CREATE TABLE `credential_key_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`credential_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`active_from` integer NOT NULL,
	`retired_at` integer NOT NULL,
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `credential_key_history_credential_idx` ON `credential_key_history` (`credential_id`);--> statement-breakpoint
CREATE TABLE `verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`credential_id` text NOT NULL,
	`at` integer NOT NULL,
	`outcome` text NOT NULL,
	`message` text NOT NULL,
	`permissions` text,
	`latency_ms` integer NOT NULL,
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `verifications_credential_idx` ON `verifications` (`credential_id`,`at`);--> statement-breakpoint
ALTER TABLE `credentials` ADD `trading_block` text;--> statement-breakpoint
ALTER TABLE `credentials` ADD `accepted_permissions` text;--> statement-breakpoint
ALTER TABLE `credentials` ADD `retired_secrets_expire_at` integer;