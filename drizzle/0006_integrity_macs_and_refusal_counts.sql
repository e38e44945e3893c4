CREATE TABLE `retired_token_hashes` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`source_label` text NOT NULL,
	`reason` text NOT NULL,
	`retired_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_refusal_counts` (
	`hour` integer NOT NULL,
	`reason` text NOT NULL,
	`remote_address` text NOT NULL,
	`count` integer NOT NULL,
	`last_at` integer NOT NULL,
	PRIMARY KEY(`hour`, `reason`, `remote_address`)
);
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `mac` text;--> statement-breakpoint
ALTER TABLE `credentials` ADD `integrity_mac` text;--> statement-breakpoint
ALTER TABLE `risk_limits` ADD `integrity_mac` text;--> statement-breakpoint
ALTER TABLE `settings` ADD `integrity_mac` text;--> statement-breakpoint
ALTER TABLE `webhook_sources` ADD `integrity_mac` text;