-- Leverage rows carry a MAC (issue 20): a leverage or margin mode edited in the data folder is an integrity alarm, never used.
ALTER TABLE `futures_settings` ADD `integrity_mac` text;
