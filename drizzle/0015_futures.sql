-- Perpetual futures (issue 20): orders know their market type, reduce-only and position side; leverage and position limits; leverage and margin mode per account and symbol.
CREATE TABLE `futures_settings` (
	`credential_id` text NOT NULL,
	`symbol` text NOT NULL,
	`leverage` integer NOT NULL,
	`margin_mode` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`credential_id`, `symbol`),
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `market_type` text DEFAULT 'spot' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `reduce_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `position_side` text;--> statement-breakpoint
ALTER TABLE `risk_limits` ADD `max_leverage` integer;--> statement-breakpoint
ALTER TABLE `risk_limits` ADD `max_position_notional_usd` real;