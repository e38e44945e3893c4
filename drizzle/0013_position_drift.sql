-- Position drift (issue 19): per source, account and market the holding an alert expects, and the differences found.
CREATE TABLE `drift_tracks` (
	`source_id` text NOT NULL,
	`credential_id` text NOT NULL,
	`symbol` text NOT NULL,
	`base` text NOT NULL,
	`baseline` real NOT NULL,
	`expected` real NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`source_id`, `credential_id`, `symbol`)
);
--> statement-breakpoint
CREATE TABLE `position_drifts` (
	`id` text PRIMARY KEY NOT NULL,
	`source_id` text NOT NULL,
	`credential_id` text NOT NULL,
	`symbol` text NOT NULL,
	`base` text NOT NULL,
	`expected` real NOT NULL,
	`actual` real NOT NULL,
	`difference` real NOT NULL,
	`detected_at` integer NOT NULL,
	`webhook_event_id` integer,
	`status` text NOT NULL,
	`resolved_at` integer,
	`order_id` text
);
--> statement-breakpoint
CREATE INDEX `position_drifts_status_idx` ON `position_drifts` (`status`,`detected_at`);