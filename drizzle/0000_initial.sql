CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`outcome` text NOT NULL,
	`details` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`seq`);--> statement-breakpoint
CREATE TABLE `credential_secrets` (
	`credential_id` text NOT NULL,
	`field` text NOT NULL,
	`ciphertext` blob NOT NULL,
	PRIMARY KEY(`credential_id`, `field`),
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`provider` text NOT NULL,
	`label` text NOT NULL,
	`environment` text NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	`fields` text NOT NULL,
	`signing_kind` text NOT NULL,
	`preview` text NOT NULL,
	`fingerprint` text NOT NULL,
	`permissions` text,
	`last_verified_at` integer,
	`last_used_at` integer,
	`use_count` integer DEFAULT 0 NOT NULL,
	`expires_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`rotated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_label_unique` ON `credentials` (lower("label"));--> statement-breakpoint
CREATE INDEX `credentials_fingerprint_idx` ON `credentials` (`fingerprint`);--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_primary_unique` ON `credentials` (`provider`,`environment`) WHERE "credentials"."is_primary" = 1;--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `vault_keys` (
	`protector` text PRIMARY KEY NOT NULL,
	`key_version` integer NOT NULL,
	`wrapped` blob NOT NULL,
	`params` text NOT NULL,
	`created_at` integer NOT NULL
);
