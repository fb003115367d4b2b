CREATE TABLE `integrity_daily` (
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`day`, `kind`)
);
--> statement-breakpoint
ALTER TABLE `tally` ADD `recounted_at` integer;--> statement-breakpoint
ALTER TABLE `tally` ADD `recount_repaired` integer;