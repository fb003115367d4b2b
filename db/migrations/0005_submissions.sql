CREATE TABLE `submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`story` text NOT NULL,
	`credit` text NOT NULL,
	`credit_name` text,
	`relationship` text NOT NULL,
	`country` text,
	`content_warning` text,
	`email` text,
	`consent_version` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "submissions_status" CHECK("submissions"."status" in ('new', 'drafted', 'declined'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_dedupe_key_unique` ON `submissions` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `submissions_status_created_at_idx` ON `submissions` (`status`,`created_at`);