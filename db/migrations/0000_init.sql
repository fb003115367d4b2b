CREATE TABLE `pledges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email_hmac` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`first_name` text,
	`country` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pledges_email_hmac_unique` ON `pledges` (`email_hmac`);--> statement-breakpoint
CREATE UNIQUE INDEX `pledges_idempotency_key_unique` ON `pledges` (`idempotency_key`);--> statement-breakpoint
CREATE TABLE `subscribers` (
	`pledge_id` integer PRIMARY KEY NOT NULL,
	`email` text,
	`consented_at` integer NOT NULL,
	`consent_version` text NOT NULL,
	`withdrawn_at` integer,
	FOREIGN KEY (`pledge_id`) REFERENCES `pledges`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tally` (
	`id` integer PRIMARY KEY NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "tally_single_row" CHECK("tally"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `tally_by_country` (
	`country` text PRIMARY KEY NOT NULL,
	`total` integer DEFAULT 0 NOT NULL
);
