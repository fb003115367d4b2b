CREATE TABLE `offline_pledges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner` text NOT NULL,
	`count` integer NOT NULL,
	`collected_on` text NOT NULL,
	`note` text,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	`removed_by` text,
	`removed_at` integer,
	CONSTRAINT "offline_pledges_count" CHECK("offline_pledges"."count" > 0)
);
--> statement-breakpoint
CREATE INDEX `offline_pledges_partner_idx` ON `offline_pledges` (`partner`);--> statement-breakpoint
ALTER TABLE `tally` ADD `offline` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Paper pledges count in the tally's `offline` while they are not removed; removing a batch (it is never deleted)
-- takes its count back out. The tally's time moves with them, as with online pledges.
CREATE TRIGGER `offline_pledges_tally_after_insert` AFTER INSERT ON `offline_pledges` WHEN NEW.`removed_at` IS NULL
BEGIN
  UPDATE `tally` SET `offline` = `offline` + NEW.`count`, `updated_at` = max(`updated_at`, CAST(unixepoch('subsec') * 1000 AS INTEGER)) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `offline_pledges_tally_after_remove` AFTER UPDATE OF `removed_at` ON `offline_pledges`
WHEN OLD.`removed_at` IS NULL AND NEW.`removed_at` IS NOT NULL
BEGIN
  UPDATE `tally` SET `offline` = `offline` - OLD.`count`, `updated_at` = max(`updated_at`, CAST(unixepoch('subsec') * 1000 AS INTEGER)) WHERE `id` = 1;
END;
