-- The tally's `updated_at` is when the count last changed: the moment of the write, never the pledge's own time. A
-- pledge that waited in the queue during an outage carries the time it was made, which moved `updated_at` backwards
-- when it landed; and a clock is never allowed to take it back either.
DROP TRIGGER IF EXISTS `pledges_tally_after_insert`;
--> statement-breakpoint
CREATE TRIGGER `pledges_tally_after_insert` AFTER INSERT ON `pledges`
BEGIN
  UPDATE `tally` SET `total` = `total` + 1, `updated_at` = max(`updated_at`, CAST(unixepoch('subsec') * 1000 AS INTEGER)) WHERE `id` = 1;
  INSERT INTO `tally_by_country` (`country`, `total`)
  SELECT NEW.`country`, 1 WHERE NEW.`country` IS NOT NULL
  ON CONFLICT (`country`) DO UPDATE SET `total` = `total` + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `pledges_tally_after_delete`;
--> statement-breakpoint
CREATE TRIGGER `pledges_tally_after_delete` AFTER DELETE ON `pledges`
BEGIN
  UPDATE `tally` SET `total` = `total` - 1, `updated_at` = max(`updated_at`, CAST(unixepoch('subsec') * 1000 AS INTEGER)) WHERE `id` = 1;
  UPDATE `tally_by_country` SET `total` = `total` - 1 WHERE `country` = OLD.`country`;
END;
