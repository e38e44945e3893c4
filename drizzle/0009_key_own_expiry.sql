-- The expiry date a key's owner set (issue 17): from then on Keywarden never uses or releases the key.
ALTER TABLE `credentials` ADD `own_expires_at` integer;