-- Issue 22, growth per alert: the risk gate's per-minute count reads a small table of the orders sent in the last ten minutes (kept by the triggers below, in the transaction that changes an order) instead of two partial indexes on every order ever sent. order-sent-count.test.ts checks the count against a full scan of the orders through random inserts, status changes and deletes.
CREATE TABLE `recent_sent_orders` (
	`order_id` text PRIMARY KEY NOT NULL,
	`credential_id` text NOT NULL,
	`paper` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `recent_sent_orders_created_idx` ON `recent_sent_orders` (`paper`,`created_at`);--> statement-breakpoint
CREATE INDEX `recent_sent_orders_credential_created_idx` ON `recent_sent_orders` (`credential_id`,`paper`,`created_at`);--> statement-breakpoint
-- The orders already sent in the ten minutes before the newest one.
INSERT INTO `recent_sent_orders` (`order_id`, `credential_id`, `paper`, `created_at`)
  SELECT `id`, `credential_id`, `paper`, `created_at` FROM `orders`
  WHERE `status` NOT IN ('blocked','rejected') AND `created_at` >= (SELECT MAX(`created_at`) FROM `orders`) - 600000;
--> statement-breakpoint
-- A sent order is added; rows more than ten minutes older than it go (by the (paper, created_at) index).
-- The count looks back one minute: ten keep it exact after the clock steps back up to nine minutes.
CREATE TRIGGER `orders_recent_sent_after_insert` AFTER INSERT ON `orders` WHEN NEW.status NOT IN ('blocked','rejected') BEGIN
  INSERT INTO `recent_sent_orders` (`order_id`, `credential_id`, `paper`, `created_at`) VALUES (NEW.id, NEW.credential_id, NEW.paper, NEW.created_at);
  DELETE FROM `recent_sent_orders` WHERE `paper` IN (0, 1) AND `created_at` < NEW.created_at - 600000;
END;
--> statement-breakpoint
-- An order that stops or starts counting (sent, then rejected by the exchange), or moves: its row follows.
-- Status changes that keep it sent (open, filled) do nothing.
CREATE TRIGGER `orders_recent_sent_after_update` AFTER UPDATE OF `status`, `credential_id`, `paper`, `created_at` ON `orders`
  WHEN (OLD.status IN ('blocked','rejected')) IS NOT (NEW.status IN ('blocked','rejected')) OR OLD.credential_id IS NOT NEW.credential_id OR OLD.paper IS NOT NEW.paper OR OLD.created_at IS NOT NEW.created_at
BEGIN
  DELETE FROM `recent_sent_orders` WHERE `order_id` = OLD.id;
  INSERT INTO `recent_sent_orders` (`order_id`, `credential_id`, `paper`, `created_at`)
    SELECT NEW.id, NEW.credential_id, NEW.paper, NEW.created_at WHERE NEW.status NOT IN ('blocked','rejected');
END;
--> statement-breakpoint
CREATE TRIGGER `orders_recent_sent_after_delete` AFTER DELETE ON `orders` BEGIN
  DELETE FROM `recent_sent_orders` WHERE `order_id` = OLD.id;
END;
--> statement-breakpoint
DROP INDEX `orders_sent_created_idx`;--> statement-breakpoint
DROP INDEX `orders_sent_credential_created_idx`;