-- Polymarket orders (issue 18): the signed order as posted, recorded before it is sent (reconciled by its hash after a crash), and the market's name for people.
ALTER TABLE `orders` ADD `signed_order` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `market_label` text;