-- The AI gateway (issue 17): its local tokens (hashes only, the keys each may use), and which local token each gateway call came with.
CREATE TABLE `gateway_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`token_hash` text NOT NULL,
	`key_ids` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`integrity_mac` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gateway_tokens_token_hash_unique` ON `gateway_tokens` (`token_hash`);--> statement-breakpoint
ALTER TABLE `key_uses` ADD `local_token_id` text;--> statement-breakpoint
CREATE INDEX `key_uses_local_token_idx` ON `key_uses` (`local_token_id`,`at`);