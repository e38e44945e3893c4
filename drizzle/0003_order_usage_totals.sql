CREATE TABLE `order_daily_usage` (
	`credential_id` text NOT NULL,
	`paper` integer NOT NULL,
	`day` integer NOT NULL,
	`notional_usd` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `paper`, `credential_id`)
);
--> statement-breakpoint
CREATE TABLE `order_exposure` (
	`credential_id` text NOT NULL,
	`paper` integer NOT NULL,
	`open_buys_usd` real DEFAULT 0 NOT NULL,
	`filled_buys_usd` real DEFAULT 0 NOT NULL,
	`filled_sells_usd` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`credential_id`, `paper`)
);
--> statement-breakpoint
CREATE INDEX `webhook_events_alert_id_idx` ON `webhook_events` (`source_id`,`alert_id`,`received_at`);
--> statement-breakpoint
-- The two totals tables are kept by these triggers, in the same transaction as the change to an
-- order. Each contribution mirrors what the risk gate counts (see readUsage in risk-limits-store.ts):
-- a trigger that drifted from it would let a limit be passed, so order-usage-totals.test.ts checks
-- the totals against a full scan of the orders after random changes.
CREATE TRIGGER `orders_usage_after_insert` AFTER INSERT ON `orders` BEGIN
  INSERT INTO `order_daily_usage` (`day`, `paper`, `credential_id`, `notional_usd`)
    VALUES (NEW.created_at / 86400000, NEW.paper, NEW.credential_id, (CASE WHEN NEW.status IN ('sending','open','filled','unknown') THEN NEW.notional_usd WHEN NEW.status = 'canceled' AND NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END))
    ON CONFLICT (`day`, `paper`, `credential_id`) DO UPDATE SET `notional_usd` = `notional_usd` + excluded.`notional_usd`;
  INSERT INTO `order_exposure` (`credential_id`, `paper`, `open_buys_usd`, `filled_buys_usd`, `filled_sells_usd`)
    VALUES (NEW.credential_id, NEW.paper, (CASE WHEN NEW.side = 'buy' AND NEW.status IN ('sending','open','unknown') AND NEW.amount > 0 THEN NEW.notional_usd * (1 - NEW.filled_amount / NEW.amount) ELSE 0 END), (CASE WHEN NEW.side = 'buy' AND NEW.status IN ('open','filled','canceled') AND NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END), (CASE WHEN NEW.side = 'sell' AND NEW.status IN ('open','filled','canceled') AND NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END))
    ON CONFLICT (`credential_id`, `paper`) DO UPDATE SET
      `open_buys_usd` = `open_buys_usd` + excluded.`open_buys_usd`,
      `filled_buys_usd` = `filled_buys_usd` + excluded.`filled_buys_usd`,
      `filled_sells_usd` = `filled_sells_usd` + excluded.`filled_sells_usd`;
END;
--> statement-breakpoint
CREATE TRIGGER `orders_usage_after_update` AFTER UPDATE OF `credential_id`, `paper`, `created_at`, `side`, `status`, `amount`, `filled_amount`, `notional_usd` ON `orders` BEGIN
  INSERT INTO `order_daily_usage` (`day`, `paper`, `credential_id`, `notional_usd`)
    VALUES (OLD.created_at / 86400000, OLD.paper, OLD.credential_id, -(CASE WHEN OLD.status IN ('sending','open','filled','unknown') THEN OLD.notional_usd WHEN OLD.status = 'canceled' AND OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END))
    ON CONFLICT (`day`, `paper`, `credential_id`) DO UPDATE SET `notional_usd` = `notional_usd` + excluded.`notional_usd`;
  INSERT INTO `order_exposure` (`credential_id`, `paper`, `open_buys_usd`, `filled_buys_usd`, `filled_sells_usd`)
    VALUES (OLD.credential_id, OLD.paper, -(CASE WHEN OLD.side = 'buy' AND OLD.status IN ('sending','open','unknown') AND OLD.amount > 0 THEN OLD.notional_usd * (1 - OLD.filled_amount / OLD.amount) ELSE 0 END), -(CASE WHEN OLD.side = 'buy' AND OLD.status IN ('open','filled','canceled') AND OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END), -(CASE WHEN OLD.side = 'sell' AND OLD.status IN ('open','filled','canceled') AND OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END))
    ON CONFLICT (`credential_id`, `paper`) DO UPDATE SET
      `open_buys_usd` = `open_buys_usd` + excluded.`open_buys_usd`,
      `filled_buys_usd` = `filled_buys_usd` + excluded.`filled_buys_usd`,
      `filled_sells_usd` = `filled_sells_usd` + excluded.`filled_sells_usd`;
  INSERT INTO `order_daily_usage` (`day`, `paper`, `credential_id`, `notional_usd`)
    VALUES (NEW.created_at / 86400000, NEW.paper, NEW.credential_id, (CASE WHEN NEW.status IN ('sending','open','filled','unknown') THEN NEW.notional_usd WHEN NEW.status = 'canceled' AND NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END))
    ON CONFLICT (`day`, `paper`, `credential_id`) DO UPDATE SET `notional_usd` = `notional_usd` + excluded.`notional_usd`;
  INSERT INTO `order_exposure` (`credential_id`, `paper`, `open_buys_usd`, `filled_buys_usd`, `filled_sells_usd`)
    VALUES (NEW.credential_id, NEW.paper, (CASE WHEN NEW.side = 'buy' AND NEW.status IN ('sending','open','unknown') AND NEW.amount > 0 THEN NEW.notional_usd * (1 - NEW.filled_amount / NEW.amount) ELSE 0 END), (CASE WHEN NEW.side = 'buy' AND NEW.status IN ('open','filled','canceled') AND NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END), (CASE WHEN NEW.side = 'sell' AND NEW.status IN ('open','filled','canceled') AND NEW.amount > 0 THEN NEW.notional_usd * NEW.filled_amount / NEW.amount ELSE 0 END))
    ON CONFLICT (`credential_id`, `paper`) DO UPDATE SET
      `open_buys_usd` = `open_buys_usd` + excluded.`open_buys_usd`,
      `filled_buys_usd` = `filled_buys_usd` + excluded.`filled_buys_usd`,
      `filled_sells_usd` = `filled_sells_usd` + excluded.`filled_sells_usd`;
END;
--> statement-breakpoint
CREATE TRIGGER `orders_usage_after_delete` AFTER DELETE ON `orders` BEGIN
  INSERT INTO `order_daily_usage` (`day`, `paper`, `credential_id`, `notional_usd`)
    VALUES (OLD.created_at / 86400000, OLD.paper, OLD.credential_id, -(CASE WHEN OLD.status IN ('sending','open','filled','unknown') THEN OLD.notional_usd WHEN OLD.status = 'canceled' AND OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END))
    ON CONFLICT (`day`, `paper`, `credential_id`) DO UPDATE SET `notional_usd` = `notional_usd` + excluded.`notional_usd`;
  INSERT INTO `order_exposure` (`credential_id`, `paper`, `open_buys_usd`, `filled_buys_usd`, `filled_sells_usd`)
    VALUES (OLD.credential_id, OLD.paper, -(CASE WHEN OLD.side = 'buy' AND OLD.status IN ('sending','open','unknown') AND OLD.amount > 0 THEN OLD.notional_usd * (1 - OLD.filled_amount / OLD.amount) ELSE 0 END), -(CASE WHEN OLD.side = 'buy' AND OLD.status IN ('open','filled','canceled') AND OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END), -(CASE WHEN OLD.side = 'sell' AND OLD.status IN ('open','filled','canceled') AND OLD.amount > 0 THEN OLD.notional_usd * OLD.filled_amount / OLD.amount ELSE 0 END))
    ON CONFLICT (`credential_id`, `paper`) DO UPDATE SET
      `open_buys_usd` = `open_buys_usd` + excluded.`open_buys_usd`,
      `filled_buys_usd` = `filled_buys_usd` + excluded.`filled_buys_usd`,
      `filled_sells_usd` = `filled_sells_usd` + excluded.`filled_sells_usd`;
END;
--> statement-breakpoint
-- Orders recorded before this migration.
INSERT INTO `order_daily_usage` (`day`, `paper`, `credential_id`, `notional_usd`)
  SELECT o.created_at / 86400000, o.paper, o.credential_id, TOTAL(CASE WHEN o.status IN ('sending','open','filled','unknown') THEN o.notional_usd WHEN o.status = 'canceled' AND o.amount > 0 THEN o.notional_usd * o.filled_amount / o.amount ELSE 0 END)
  FROM `orders` o GROUP BY o.created_at / 86400000, o.paper, o.credential_id;
--> statement-breakpoint
INSERT INTO `order_exposure` (`credential_id`, `paper`, `open_buys_usd`, `filled_buys_usd`, `filled_sells_usd`)
  SELECT o.credential_id, o.paper, TOTAL(CASE WHEN o.side = 'buy' AND o.status IN ('sending','open','unknown') AND o.amount > 0 THEN o.notional_usd * (1 - o.filled_amount / o.amount) ELSE 0 END), TOTAL(CASE WHEN o.side = 'buy' AND o.status IN ('open','filled','canceled') AND o.amount > 0 THEN o.notional_usd * o.filled_amount / o.amount ELSE 0 END), TOTAL(CASE WHEN o.side = 'sell' AND o.status IN ('open','filled','canceled') AND o.amount > 0 THEN o.notional_usd * o.filled_amount / o.amount ELSE 0 END)
  FROM `orders` o GROUP BY o.credential_id, o.paper;
