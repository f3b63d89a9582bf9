CREATE TABLE `Invitation` (
	`id` text PRIMARY KEY NOT NULL,
	`orgId` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`tokenHash` text NOT NULL,
	`invitedById` text NOT NULL,
	`expiresAt` integer NOT NULL,
	`acceptedAt` integer,
	`acceptedById` text,
	`createdAt` integer NOT NULL,
	FOREIGN KEY (`orgId`) REFERENCES `Organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invitedById`) REFERENCES `User`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`acceptedById`) REFERENCES `User`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `Invitation_tokenHash_key` ON `Invitation` (`tokenHash`);--> statement-breakpoint
CREATE INDEX `Invitation_orgId_email_idx` ON `Invitation` (`orgId`,`email`);--> statement-breakpoint
CREATE TABLE `TodoActivity` (
	`id` text PRIMARY KEY NOT NULL,
	`orgId` text NOT NULL,
	`todoId` text NOT NULL,
	`actorId` text NOT NULL,
	`action` text NOT NULL,
	`todoTitle` text NOT NULL,
	`createdAt` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `TodoActivity_orgId_createdAt_idx` ON `TodoActivity` (`orgId`,`createdAt`);--> statement-breakpoint
CREATE INDEX `Todo_orgId_completed_createdAt_idx` ON `Todo` (`orgId`,`completed`,`createdAt`);