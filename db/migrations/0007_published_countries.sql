CREATE TABLE `published_countries` (
	`country` text PRIMARY KEY NOT NULL,
	`total` integer NOT NULL
);
--> statement-breakpoint
-- The countries the public saw before this migration stay published until the next scheduled run (5 is
-- SMALL_COUNTRY_THRESHOLD in src/config.ts, which no migration can read).
INSERT INTO `published_countries` (`country`, `total`)
SELECT `country`, `total` FROM `tally_by_country` WHERE `total` >= 5;
