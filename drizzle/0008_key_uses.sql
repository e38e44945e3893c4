-- Every use of a key and whether it worked: checks, releases to programs, orders, AI gateway calls (issue 17).
CREATE TABLE `key_uses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`credential_id` text NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL,
	`ok` integer NOT NULL,
	`tokens_in` integer,
	`tokens_out` integer,
	`cost_micro_usd` integer,
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `key_uses_credential_idx` ON `key_uses` (`credential_id`,`at`);