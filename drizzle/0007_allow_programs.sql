-- Whether programs (keywarden run) may be handed a key's fields: off for every key until its owner allows it (issue 16).
ALTER TABLE `credentials` ADD `allow_programs` integer DEFAULT false NOT NULL;
