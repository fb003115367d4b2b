PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`seal_id` text,
	`sealed` text,
	`story` text,
	`credit` text NOT NULL,
	`credit_name` text,
	`relationship` text NOT NULL,
	`country` text,
	`content_warning` text,
	`email` text,
	`consent_version` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "submissions_status" CHECK("__new_submissions"."status" in ('new', 'drafted', 'declined', 'flagged'))
);
--> statement-breakpoint
-- Rows already stored keep their AES-sealed fields (story, credit_name, content_warning, email) until
-- `npm run walkaway -- submissions reseal` seals them to the editors' keys; their dates keep only the day.
INSERT INTO `__new_submissions`("id", "dedupe_key", "seal_id", "sealed", "story", "credit", "credit_name", "relationship", "country", "content_warning", "email", "consent_version", "status", "created_at") SELECT "id", "dedupe_key", NULL, NULL, "story", "credit", "credit_name", "relationship", "country", "content_warning", "email", "consent_version", "status", ("created_at" / 86400000) * 86400000 FROM `submissions`;--> statement-breakpoint
DROP TABLE `submissions`;--> statement-breakpoint
ALTER TABLE `__new_submissions` RENAME TO `submissions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_dedupe_key_unique` ON `submissions` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `submissions_status_created_at_idx` ON `submissions` (`status`,`created_at`);