-- Issue 22: the body-hash index holds only alerts without an id (the others keep no body hash), about 20 bytes less per alert.
DROP INDEX `webhook_events_body_hash_idx`;--> statement-breakpoint
CREATE INDEX `webhook_events_body_hash_idx` ON `webhook_events` (`body_hash`,`received_at`) WHERE body_hash IS NOT NULL;