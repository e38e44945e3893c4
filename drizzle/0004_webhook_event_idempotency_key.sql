DROP INDEX `webhook_events_alert_id_idx`;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `idempotency_key` text;--> statement-breakpoint
CREATE INDEX `webhook_events_idempotency_key_idx` ON `webhook_events` (`idempotency_key`);--> statement-breakpoint
-- Alerts accepted before this version: their key is on their order. (Written by hand: drizzle-kit does not generate data changes.)
UPDATE `webhook_events` SET `idempotency_key` = `orders`.`idempotency_key` FROM `orders` WHERE `orders`.`webhook_event_id` = `webhook_events`.`id` AND `webhook_events`.`idempotency_key` IS NULL;
