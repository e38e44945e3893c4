CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`credential_id` text NOT NULL,
	`source` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`client_order_id` text NOT NULL,
	`symbol` text NOT NULL,
	`side` text NOT NULL,
	`type` text NOT NULL,
	`amount` real NOT NULL,
	`requested_amount` real NOT NULL,
	`requested_unit` text NOT NULL,
	`price` real,
	`notional_usd` real NOT NULL,
	`paper` integer NOT NULL,
	`status` text NOT NULL,
	`blocked_by` text,
	`message` text NOT NULL,
	`exchange_order_id` text,
	`filled_amount` real DEFAULT 0 NOT NULL,
	`average_price` real,
	`error_code` text,
	`webhook_event_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_idempotency_unique` ON `orders` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_client_order_id_unique` ON `orders` (`client_order_id`);--> statement-breakpoint
CREATE INDEX `orders_credential_created_idx` ON `orders` (`credential_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_created_idx` ON `orders` (`created_at`);--> statement-breakpoint
CREATE INDEX `orders_status_idx` ON `orders` (`status`);--> statement-breakpoint
CREATE TABLE `risk_limits` (
	`scope` text PRIMARY KEY NOT NULL,
	`trading_enabled` integer DEFAULT true NOT NULL,
	`paper_mode` integer DEFAULT false NOT NULL,
	`symbol_allow_list` text,
	`max_order_notional_usd` real,
	`max_daily_notional_usd` real,
	`max_open_exposure_usd` real,
	`max_orders_per_minute` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`received_at` integer NOT NULL,
	`source_id` text,
	`remote_address` text,
	`content_type` text,
	`body_hash` text,
	`alert_id` text,
	`http_status` integer NOT NULL,
	`outcome` text NOT NULL,
	`message` text NOT NULL,
	`alert` text,
	`order_id` text
);
--> statement-breakpoint
CREATE INDEX `webhook_events_received_idx` ON `webhook_events` (`received_at`);--> statement-breakpoint
CREATE INDEX `webhook_events_body_hash_idx` ON `webhook_events` (`body_hash`,`received_at`);--> statement-breakpoint
CREATE TABLE `webhook_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`token_hash` text NOT NULL,
	`previous_token_hash` text,
	`previous_valid_until` integer,
	`scope` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`rotated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_sources_label_unique` ON `webhook_sources` (`label`);