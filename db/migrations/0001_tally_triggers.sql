-- The public tally lives in one row, kept by triggers in the same transaction as each pledge,
-- so reading it costs one row instead of a count over every pledge.
INSERT INTO `tally` (`id`, `total`, `updated_at`)
SELECT 1, count(*), coalesce(max(`created_at`), CAST(unixepoch('subsec') * 1000 AS INTEGER)) FROM `pledges`
WHERE true ON CONFLICT (`id`) DO NOTHING;
--> statement-breakpoint
INSERT INTO `tally_by_country` (`country`, `total`)
SELECT `country`, count(*) FROM `pledges` WHERE `country` IS NOT NULL GROUP BY `country`
ON CONFLICT (`country`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `pledges_tally_after_insert` AFTER INSERT ON `pledges`
BEGIN
  UPDATE `tally` SET `total` = `total` + 1, `updated_at` = NEW.`created_at` WHERE `id` = 1;
  INSERT INTO `tally_by_country` (`country`, `total`)
  SELECT NEW.`country`, 1 WHERE NEW.`country` IS NOT NULL
  ON CONFLICT (`country`) DO UPDATE SET `total` = `total` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `pledges_tally_after_delete` AFTER DELETE ON `pledges`
BEGIN
  UPDATE `tally` SET `total` = `total` - 1, `updated_at` = CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE `id` = 1;
  UPDATE `tally_by_country` SET `total` = `total` - 1 WHERE `country` = OLD.`country`;
END;
