ALTER TABLE `orders` ADD `usd_per_quote` real;--> statement-breakpoint
ALTER TABLE `risk_limits` ADD `max_price_deviation_pct` real;
--> statement-breakpoint
-- (Written by hand from here: drizzle-kit does not generate triggers or data changes.)
-- Usage now counts what actually filled, filled amount x average price x usd_per_quote, as soon as
-- the exchange answers, and the gate's estimate only until then (issue 13: a made-up price made the
-- estimate, and so the daily total, 1/650th of what traded). The triggers of 0003 are replaced, and
-- the totals are rebuilt from the orders. The same expressions are in order-usage-totals.test.ts's
-- full scan, which checks them after random changes.
DROP TRIGGER `orders_usage_after_insert`;
--> statement-breakpoint
DROP TRIGGER `orders_usage_after_update`;
--> statement-breakpoint
DROP TRIGGER `orders_usage_after_delete`;
--> statement-breakpoint
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
DELETE FROM `order_daily_usage`;
--> statement-breakpoint
DELETE FROM `order_exposure`;
--> statement-breakpoint
INSERT INTO `order_daily_usage` (`day`, `paper`, `credential_id`, `notional_usd`)
  SELECT o.created_at / 86400000, o.paper, o.credential_id, TOTAL((CASE WHEN o.status IN ('sending','unknown') THEN o.notional_usd WHEN o.status = 'open' THEN (CASE WHEN o.amount > 0 THEN MAX(o.notional_usd * (1 - o.filled_amount / o.amount), 0) ELSE o.notional_usd END) + (CASE WHEN o.average_price IS NOT NULL AND o.usd_per_quote IS NOT NULL THEN o.filled_amount * o.average_price * o.usd_per_quote WHEN o.amount > 0 THEN o.notional_usd * o.filled_amount / o.amount ELSE 0 END) WHEN o.status IN ('filled','canceled','failed') THEN (CASE WHEN o.average_price IS NOT NULL AND o.usd_per_quote IS NOT NULL THEN o.filled_amount * o.average_price * o.usd_per_quote WHEN o.amount > 0 THEN o.notional_usd * o.filled_amount / o.amount ELSE 0 END) ELSE 0 END))
  FROM `orders` o GROUP BY o.created_at / 86400000, o.paper, o.credential_id;
--> statement-breakpoint
INSERT INTO `order_exposure` (`credential_id`, `paper`, `open_buys_usd`, `filled_buys_usd`, `filled_sells_usd`)
  SELECT o.credential_id, o.paper, TOTAL((CASE WHEN o.side <> 'buy' THEN 0 WHEN o.status IN ('sending','unknown') THEN o.notional_usd WHEN o.status = 'open' THEN (CASE WHEN o.amount > 0 THEN MAX(o.notional_usd * (1 - o.filled_amount / o.amount), 0) ELSE o.notional_usd END) ELSE 0 END)), TOTAL((CASE WHEN o.side = 'buy' AND o.status IN ('open','filled','canceled','failed') THEN (CASE WHEN o.average_price IS NOT NULL AND o.usd_per_quote IS NOT NULL THEN o.filled_amount * o.average_price * o.usd_per_quote WHEN o.amount > 0 THEN o.notional_usd * o.filled_amount / o.amount ELSE 0 END) ELSE 0 END)), TOTAL((CASE WHEN o.side = 'sell' AND o.status IN ('open','filled','canceled','failed') THEN (CASE WHEN o.average_price IS NOT NULL AND o.usd_per_quote IS NOT NULL THEN o.filled_amount * o.average_price * o.usd_per_quote WHEN o.amount > 0 THEN o.notional_usd * o.filled_amount / o.amount ELSE 0 END) ELSE 0 END))
  FROM `orders` o GROUP BY o.credential_id, o.paper;
--> statement-breakpoint
-- A limit price more than 10% from the market is refused by default. A global row that exists was
-- saved by the person, who never saw this setting: it gets the default too. Accounts' own rows keep
-- null (only the global band applies to them).
UPDATE `risk_limits` SET `max_price_deviation_pct` = 10 WHERE `scope` = 'global';
