CREATE TABLE `dead_letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue` text NOT NULL,
	`body` text NOT NULL,
	`failed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `email_sends` (
	`minute` integer PRIMARY KEY NOT NULL,
	`sent` integer NOT NULL
);
--> statement-breakpoint
-- Every pledge and subscriber stored before confirmation by email counts as confirmed: the public count never drops
-- on deploy. From now on a pledge made with PLEDGE_CONFIRMATION=email is stored as pending and counts once confirmed.
ALTER TABLE `pledges` ADD `status` text DEFAULT 'confirmed' NOT NULL;--> statement-breakpoint
ALTER TABLE `pledges` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `pledges` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `pledges` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `pledges` ADD `mail_due_at` integer;--> statement-breakpoint
ALTER TABLE `pledges` ADD `mailed_at` integer;--> statement-breakpoint
ALTER TABLE `pledges` ADD `updates_email` text;--> statement-breakpoint
ALTER TABLE `pledges` ADD `updates_consent_version` text;--> statement-breakpoint
CREATE INDEX `pledges_status_mail_due_at_idx` ON `pledges` (`status`,`mail_due_at`);--> statement-breakpoint
UPDATE `pledges` SET `confirmed_at` = `created_at` WHERE `status` = 'confirmed' AND `confirmed_at` IS NULL;
--> statement-breakpoint
-- The tally counts confirmed pledges only: a row counts when it is inserted confirmed (PLEDGE_CONFIRMATION=none, or
-- a queued one), when its status becomes confirmed, and stops counting when a confirmed row is withdrawn or deleted.
DROP TRIGGER IF EXISTS `pledges_tally_after_insert`;
--> statement-breakpoint
CREATE TRIGGER `pledges_tally_after_insert` AFTER INSERT ON `pledges` WHEN NEW.`status` = 'confirmed'
BEGIN
  UPDATE `tally` SET `total` = `total` + 1, `updated_at` = max(`updated_at`, CAST(unixepoch('subsec') * 1000 AS INTEGER)) WHERE `id` = 1;
  INSERT INTO `tally_by_country` (`country`, `total`)
  SELECT NEW.`country`, 1 WHERE NEW.`country` IS NOT NULL
  ON CONFLICT (`country`) DO UPDATE SET `total` = `total` + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `pledges_tally_after_delete`;
--> statement-breakpoint
CREATE TRIGGER `pledges_tally_after_delete` AFTER DELETE ON `pledges` WHEN OLD.`status` = 'confirmed'
BEGIN
  UPDATE `tally` SET `total` = `total` - 1, `updated_at` = max(`updated_at`, CAST(unixepoch('subsec') * 1000 AS INTEGER)) WHERE `id` = 1;
  UPDATE `tally_by_country` SET `total` = `total` - 1 WHERE `country` = OLD.`country`;
END;
--> statement-breakpoint
CREATE TRIGGER `pledges_tally_after_confirm` AFTER UPDATE OF `status` ON `pledges`
WHEN NEW.`status` = 'confirmed' AND OLD.`status` <> 'confirmed'
BEGIN
  UPDATE `tally` SET `total` = `total` + 1, `updated_at` = max(`updated_at`, CAST(unixepoch('subsec') * 1000 AS INTEGER)) WHERE `id` = 1;
  INSERT INTO `tally_by_country` (`country`, `total`)
  SELECT NEW.`country`, 1 WHERE NEW.`country` IS NOT NULL
  ON CONFLICT (`country`) DO UPDATE SET `total` = `total` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `pledges_tally_after_unconfirm` AFTER UPDATE OF `status` ON `pledges`
WHEN OLD.`status` = 'confirmed' AND NEW.`status` <> 'confirmed'
BEGIN
  UPDATE `tally` SET `total` = `total` - 1, `updated_at` = max(`updated_at`, CAST(unixepoch('subsec') * 1000 AS INTEGER)) WHERE `id` = 1;
  UPDATE `tally_by_country` SET `total` = `total` - 1 WHERE `country` = OLD.`country`;
END;
