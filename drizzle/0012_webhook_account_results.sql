-- One alert for several accounts (issue 19): each account's result on the alert's event.
ALTER TABLE `webhook_events` ADD `account_results` text;
