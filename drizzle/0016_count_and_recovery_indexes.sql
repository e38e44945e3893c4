-- Issue 22: partial indexes so the per-minute order count reads only sent orders (capped at the limit) and crash recovery reads only unsettled alerts.
CREATE INDEX `orders_sent_created_idx` ON `orders` (`paper`,`created_at`) WHERE status NOT IN ('blocked','rejected');--> statement-breakpoint
CREATE INDEX `orders_sent_credential_created_idx` ON `orders` (`credential_id`,`paper`,`created_at`) WHERE status NOT IN ('blocked','rejected');--> statement-breakpoint
CREATE INDEX `webhook_events_unsettled_idx` ON `webhook_events` (`id`) WHERE outcome = 'accepted' AND order_id IS NULL;