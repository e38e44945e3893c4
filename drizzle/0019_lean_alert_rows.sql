-- Issue 22, growth per alert (an alert still waiting to settle keeps its key: recovery finds its order by it): the audit action index served only a LIKE it could not help; the status index keeps only orders still in play; an order's key use is read from the order itself (key-usage.ts), and a settled one-account alert's key is held by its order (webhook-event-log.ts), so the copies go.
DROP INDEX `audit_log_action_idx`;--> statement-breakpoint
DROP INDEX `orders_status_idx`;--> statement-breakpoint
CREATE INDEX `orders_unsettled_idx` ON `orders` (`status`) WHERE status IN ('sending','open','unknown');--> statement-breakpoint
DELETE FROM `key_uses` WHERE `source` = 'order';--> statement-breakpoint
DROP INDEX `webhook_events_idempotency_key_idx`;--> statement-breakpoint
UPDATE `webhook_events` SET `idempotency_key` = NULL WHERE `outcome` <> 'accepted' AND `account_results` IS NULL AND `idempotency_key` IS NOT NULL AND EXISTS (SELECT 1 FROM `orders` WHERE `orders`.`idempotency_key` = `webhook_events`.`idempotency_key`);--> statement-breakpoint
CREATE INDEX `webhook_events_idempotency_key_idx` ON `webhook_events` (`idempotency_key`) WHERE idempotency_key IS NOT NULL;
