-- Issue 22, growth per alert: an order's client order id is stored only when it is not the one derived from its idempotency key (client-order-id.ts), i.e. a Polymarket order's hash; the column becomes nullable, which SQLite does by rebuilding the table. Orders already stored keep theirs.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`credential_id` text NOT NULL,
	`source` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`client_order_id` text,
	`symbol` text NOT NULL,
	`side` text NOT NULL,
	`type` text NOT NULL,
	`amount` real NOT NULL,
	`requested_amount` real NOT NULL,
	`requested_unit` text NOT NULL,
	`price` real,
	`notional_usd` real NOT NULL,
	`usd_per_quote` real,
	`paper` integer NOT NULL,
	`status` text NOT NULL,
	`blocked_by` text,
	`message` text NOT NULL,
	`exchange_order_id` text,
	`filled_amount` real DEFAULT 0 NOT NULL,
	`average_price` real,
	`error_code` text,
	`webhook_event_id` integer,
	`signed_order` text,
	`market_label` text,
	`market_type` text DEFAULT 'spot' NOT NULL,
	`reduce_only` integer DEFAULT false NOT NULL,
	`position_side` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_orders`("id", "credential_id", "source", "idempotency_key", "client_order_id", "symbol", "side", "type", "amount", "requested_amount", "requested_unit", "price", "notional_usd", "usd_per_quote", "paper", "status", "blocked_by", "message", "exchange_order_id", "filled_amount", "average_price", "error_code", "webhook_event_id", "signed_order", "market_label", "market_type", "reduce_only", "position_side", "created_at", "updated_at") SELECT "id", "credential_id", "source", "idempotency_key", "client_order_id", "symbol", "side", "type", "amount", "requested_amount", "requested_unit", "price", "notional_usd", "usd_per_quote", "paper", "status", "blocked_by", "message", "exchange_order_id", "filled_amount", "average_price", "error_code", "webhook_event_id", "signed_order", "market_label", "market_type", "reduce_only", "position_side", "created_at", "updated_at" FROM `orders`;--> statement-breakpoint
DROP TABLE `orders`;--> statement-breakpoint
ALTER TABLE `__new_orders` RENAME TO `orders`;--> statement-breakpoint
-- The triggers on orders go with the old table: the same ones again (drizzle/0003 and 0005 usage totals, 0021 recent sent orders).
CREATE TRIGGER `orders_usage_after_insert` AFTER INSERT ON `orders` BEGIN
  INSERT INTO `order_daily_usage` (`day`, `paper`, `credential_id`, `notional_usd`)
    VALUES (NEW.created_at / 86400000, NEW.paper, NEW.credential_id, (CASE WHEN NEW.status IN ('sending','unknown') THEN NEW.notional_usd WHEN NEW.status = 'open' THEN (CASE WHEN NEW.amount > 0 THEN MAX(NEW.notional_usd * (1 - NEW.filled_amount / NEW.amount), 0) ELSE NEW.notional_usd END) + (CASE WHEN NEW.average_price IS NOT NULL AND NEW.usd_per_quote IS NOT NULL THEN NEW.filled_amount * NEW.average_price * NEW.usd_per_quote WHEN NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END) WHEN NEW.status IN ('filled','canceled','failed') THEN (CASE WHEN NEW.average_price IS NOT NULL AND NEW.usd_per_quote IS NOT NULL THEN NEW.filled_amount * NEW.average_price * NEW.usd_per_quote WHEN NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END) ELSE 0 END))
    ON CONFLICT (`day`, `paper`, `credential_id`) DO UPDATE SET `notional_usd` = `notional_usd` + excluded.`notional_usd`;
  INSERT INTO `order_exposure` (`credential_id`, `paper`, `open_buys_usd`, `filled_buys_usd`, `filled_sells_usd`)
    VALUES (NEW.credential_id, NEW.paper, (CASE WHEN NEW.side <> 'buy' THEN 0 WHEN NEW.status IN ('sending','unknown') THEN NEW.notional_usd WHEN NEW.status = 'open' THEN (CASE WHEN NEW.amount > 0 THEN MAX(NEW.notional_usd * (1 - NEW.filled_amount / NEW.amount), 0) ELSE NEW.notional_usd END) ELSE 0 END), (CASE WHEN NEW.side = 'buy' AND NEW.status IN ('open','filled','canceled','failed') THEN (CASE WHEN NEW.average_price IS NOT NULL AND NEW.usd_per_quote IS NOT NULL THEN NEW.filled_amount * NEW.average_price * NEW.usd_per_quote WHEN NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END) ELSE 0 END), (CASE WHEN NEW.side = 'sell' AND NEW.status IN ('open','filled','canceled','failed') THEN (CASE WHEN NEW.average_price IS NOT NULL AND NEW.usd_per_quote IS NOT NULL THEN NEW.filled_amount * NEW.average_price * NEW.usd_per_quote WHEN NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END) ELSE 0 END))
    ON CONFLICT (`credential_id`, `paper`) DO UPDATE SET
      `open_buys_usd` = `open_buys_usd` + excluded.`open_buys_usd`,
      `filled_buys_usd` = `filled_buys_usd` + excluded.`filled_buys_usd`,
      `filled_sells_usd` = `filled_sells_usd` + excluded.`filled_sells_usd`;
END;
--> statement-breakpoint
CREATE TRIGGER `orders_usage_after_update` AFTER UPDATE OF `credential_id`, `paper`, `created_at`, `side`, `status`, `amount`, `filled_amount`, `notional_usd`, `average_price`, `usd_per_quote` ON `orders` BEGIN
  INSERT INTO `order_daily_usage` (`day`, `paper`, `credential_id`, `notional_usd`)
    VALUES (OLD.created_at / 86400000, OLD.paper, OLD.credential_id, -(CASE WHEN OLD.status IN ('sending','unknown') THEN OLD.notional_usd WHEN OLD.status = 'open' THEN (CASE WHEN OLD.amount > 0 THEN MAX(OLD.notional_usd * (1 - OLD.filled_amount / OLD.amount), 0) ELSE OLD.notional_usd END) + (CASE WHEN OLD.average_price IS NOT NULL AND OLD.usd_per_quote IS NOT NULL THEN OLD.filled_amount * OLD.average_price * OLD.usd_per_quote WHEN OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END) WHEN OLD.status IN ('filled','canceled','failed') THEN (CASE WHEN OLD.average_price IS NOT NULL AND OLD.usd_per_quote IS NOT NULL THEN OLD.filled_amount * OLD.average_price * OLD.usd_per_quote WHEN OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END) ELSE 0 END))
    ON CONFLICT (`day`, `paper`, `credential_id`) DO UPDATE SET `notional_usd` = `notional_usd` + excluded.`notional_usd`;
  INSERT INTO `order_exposure` (`credential_id`, `paper`, `open_buys_usd`, `filled_buys_usd`, `filled_sells_usd`)
    VALUES (OLD.credential_id, OLD.paper, -(CASE WHEN OLD.side <> 'buy' THEN 0 WHEN OLD.status IN ('sending','unknown') THEN OLD.notional_usd WHEN OLD.status = 'open' THEN (CASE WHEN OLD.amount > 0 THEN MAX(OLD.notional_usd * (1 - OLD.filled_amount / OLD.amount), 0) ELSE OLD.notional_usd END) ELSE 0 END), -(CASE WHEN OLD.side = 'buy' AND OLD.status IN ('open','filled','canceled','failed') THEN (CASE WHEN OLD.average_price IS NOT NULL AND OLD.usd_per_quote IS NOT NULL THEN OLD.filled_amount * OLD.average_price * OLD.usd_per_quote WHEN OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END) ELSE 0 END), -(CASE WHEN OLD.side = 'sell' AND OLD.status IN ('open','filled','canceled','failed') THEN (CASE WHEN OLD.average_price IS NOT NULL AND OLD.usd_per_quote IS NOT NULL THEN OLD.filled_amount * OLD.average_price * OLD.usd_per_quote WHEN OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END) ELSE 0 END))
    ON CONFLICT (`credential_id`, `paper`) DO UPDATE SET
      `open_buys_usd` = `open_buys_usd` + excluded.`open_buys_usd`,
      `filled_buys_usd` = `filled_buys_usd` + excluded.`filled_buys_usd`,
      `filled_sells_usd` = `filled_sells_usd` + excluded.`filled_sells_usd`;
  INSERT INTO `order_daily_usage` (`day`, `paper`, `credential_id`, `notional_usd`)
    VALUES (NEW.created_at / 86400000, NEW.paper, NEW.credential_id, (CASE WHEN NEW.status IN ('sending','unknown') THEN NEW.notional_usd WHEN NEW.status = 'open' THEN (CASE WHEN NEW.amount > 0 THEN MAX(NEW.notional_usd * (1 - NEW.filled_amount / NEW.amount), 0) ELSE NEW.notional_usd END) + (CASE WHEN NEW.average_price IS NOT NULL AND NEW.usd_per_quote IS NOT NULL THEN NEW.filled_amount * NEW.average_price * NEW.usd_per_quote WHEN NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END) WHEN NEW.status IN ('filled','canceled','failed') THEN (CASE WHEN NEW.average_price IS NOT NULL AND NEW.usd_per_quote IS NOT NULL THEN NEW.filled_amount * NEW.average_price * NEW.usd_per_quote WHEN NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END) ELSE 0 END))
    ON CONFLICT (`day`, `paper`, `credential_id`) DO UPDATE SET `notional_usd` = `notional_usd` + excluded.`notional_usd`;
  INSERT INTO `order_exposure` (`credential_id`, `paper`, `open_buys_usd`, `filled_buys_usd`, `filled_sells_usd`)
    VALUES (NEW.credential_id, NEW.paper, (CASE WHEN NEW.side <> 'buy' THEN 0 WHEN NEW.status IN ('sending','unknown') THEN NEW.notional_usd WHEN NEW.status = 'open' THEN (CASE WHEN NEW.amount > 0 THEN MAX(NEW.notional_usd * (1 - NEW.filled_amount / NEW.amount), 0) ELSE NEW.notional_usd END) ELSE 0 END), (CASE WHEN NEW.side = 'buy' AND NEW.status IN ('open','filled','canceled','failed') THEN (CASE WHEN NEW.average_price IS NOT NULL AND NEW.usd_per_quote IS NOT NULL THEN NEW.filled_amount * NEW.average_price * NEW.usd_per_quote WHEN NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END) ELSE 0 END), (CASE WHEN NEW.side = 'sell' AND NEW.status IN ('open','filled','canceled','failed') THEN (CASE WHEN NEW.average_price IS NOT NULL AND NEW.usd_per_quote IS NOT NULL THEN NEW.filled_amount * NEW.average_price * NEW.usd_per_quote WHEN NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END) ELSE 0 END))
    ON CONFLICT (`credential_id`, `paper`) DO UPDATE SET
      `open_buys_usd` = `open_buys_usd` + excluded.`open_buys_usd`,
      `filled_buys_usd` = `filled_buys_usd` + excluded.`filled_buys_usd`,
      `filled_sells_usd` = `filled_sells_usd` + excluded.`filled_sells_usd`;
END;
--> statement-breakpoint
CREATE TRIGGER `orders_usage_after_delete` AFTER DELETE ON `orders` BEGIN
  INSERT INTO `order_daily_usage` (`day`, `paper`, `credential_id`, `notional_usd`)
    VALUES (OLD.created_at / 86400000, OLD.paper, OLD.credential_id, -(CASE WHEN OLD.status IN ('sending','unknown') THEN OLD.notional_usd WHEN OLD.status = 'open' THEN (CASE WHEN OLD.amount > 0 THEN MAX(OLD.notional_usd * (1 - OLD.filled_amount / OLD.amount), 0) ELSE OLD.notional_usd END) + (CASE WHEN OLD.average_price IS NOT NULL AND OLD.usd_per_quote IS NOT NULL THEN OLD.filled_amount * OLD.average_price * OLD.usd_per_quote WHEN OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END) WHEN OLD.status IN ('filled','canceled','failed') THEN (CASE WHEN OLD.average_price IS NOT NULL AND OLD.usd_per_quote IS NOT NULL THEN OLD.filled_amount * OLD.average_price * OLD.usd_per_quote WHEN OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END) ELSE 0 END))
    ON CONFLICT (`day`, `paper`, `credential_id`) DO UPDATE SET `notional_usd` = `notional_usd` + excluded.`notional_usd`;
  INSERT INTO `order_exposure` (`credential_id`, `paper`, `open_buys_usd`, `filled_buys_usd`, `filled_sells_usd`)
    VALUES (OLD.credential_id, OLD.paper, -(CASE WHEN OLD.side <> 'buy' THEN 0 WHEN OLD.status IN ('sending','unknown') THEN OLD.notional_usd WHEN OLD.status = 'open' THEN (CASE WHEN OLD.amount > 0 THEN MAX(OLD.notional_usd * (1 - OLD.filled_amount / OLD.amount), 0) ELSE OLD.notional_usd END) ELSE 0 END), -(CASE WHEN OLD.side = 'buy' AND OLD.status IN ('open','filled','canceled','failed') THEN (CASE WHEN OLD.average_price IS NOT NULL AND OLD.usd_per_quote IS NOT NULL THEN OLD.filled_amount * OLD.average_price * OLD.usd_per_quote WHEN OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END) ELSE 0 END), -(CASE WHEN OLD.side = 'sell' AND OLD.status IN ('open','filled','canceled','failed') THEN (CASE WHEN OLD.average_price IS NOT NULL AND OLD.usd_per_quote IS NOT NULL THEN OLD.filled_amount * OLD.average_price * OLD.usd_per_quote WHEN OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END) ELSE 0 END))
    ON CONFLICT (`credential_id`, `paper`) DO UPDATE SET
      `open_buys_usd` = `open_buys_usd` + excluded.`open_buys_usd`,
      `filled_buys_usd` = `filled_buys_usd` + excluded.`filled_buys_usd`,
      `filled_sells_usd` = `filled_sells_usd` + excluded.`filled_sells_usd`;
END;
--> statement-breakpoint
CREATE TRIGGER `orders_recent_sent_after_insert` AFTER INSERT ON `orders` WHEN NEW.status NOT IN ('blocked','rejected') BEGIN
  INSERT INTO `recent_sent_orders` (`order_id`, `credential_id`, `paper`, `created_at`) VALUES (NEW.id, NEW.credential_id, NEW.paper, NEW.created_at);
  DELETE FROM `recent_sent_orders` WHERE `paper` IN (0, 1) AND `created_at` < NEW.created_at - 600000;
END;
--> statement-breakpoint
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
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_idempotency_unique` ON `orders` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `orders_credential_created_idx` ON `orders` (`credential_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_created_idx` ON `orders` (`created_at`);--> statement-breakpoint
CREATE INDEX `orders_unsettled_idx` ON `orders` (`status`) WHERE status IN ('sending','open','unknown');