-- Issue 22, growth per alert: the audit action index served only a LIKE it could not help; the status index keeps only orders still in play; an order's key use is read from the order itself (key-usage.ts), so the copies are removed.
DROP INDEX `audit_log_action_idx`;--> statement-breakpoint
DROP INDEX `orders_status_idx`;--> statement-breakpoint
CREATE INDEX `orders_unsettled_idx` ON `orders` (`status`) WHERE status IN ('sending','open','unknown');--> statement-breakpoint
DELETE FROM `key_uses` WHERE `source` = 'order';
