CREATE TABLE `Job` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'PENDING' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`maxAttempts` integer DEFAULT 4 NOT NULL,
	`summary` text,
	`lastError` text,
	`runAt` integer NOT NULL,
	`leaseExpiresAt` integer,
	`dedupeKey` text,
	`createdAt` integer NOT NULL,
	`updatedAt` integer NOT NULL,
	`startedAt` integer,
	`completedAt` integer
);
--> statement-breakpoint
CREATE INDEX `Job_status_runAt_idx` ON `Job` (`status`,`runAt`);--> statement-breakpoint
CREATE INDEX `Job_status_leaseExpiresAt_idx` ON `Job` (`status`,`leaseExpiresAt`);--> statement-breakpoint
CREATE INDEX `Job_createdAt_idx` ON `Job` (`createdAt`);--> statement-breakpoint
CREATE INDEX `Job_status_completedAt_idx` ON `Job` (`status`,`completedAt`);--> statement-breakpoint
CREATE UNIQUE INDEX `Job_dedupeKey_unfinished_idx` ON `Job` (`dedupeKey`) WHERE "dedupeKey" IS NOT NULL AND "status" NOT IN ('COMPLETED', 'DEAD');--> statement-breakpoint
CREATE TABLE `Membership` (
	`id` text PRIMARY KEY NOT NULL,
	`orgId` text NOT NULL,
	`userId` text NOT NULL,
	`role` text NOT NULL,
	`createdAt` integer NOT NULL,
	FOREIGN KEY (`orgId`) REFERENCES `Organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`userId`) REFERENCES `User`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `Membership_orgId_userId_key` ON `Membership` (`orgId`,`userId`);--> statement-breakpoint
CREATE INDEX `Membership_userId_idx` ON `Membership` (`userId`);--> statement-breakpoint
CREATE TABLE `Organization` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`personal` integer DEFAULT false NOT NULL,
	`createdById` text NOT NULL,
	`createdAt` integer NOT NULL,
	`updatedAt` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `Session` (
	`tokenHash` text PRIMARY KEY NOT NULL,
	`userId` text NOT NULL,
	`activeOrgId` text,
	`expiresAt` integer NOT NULL,
	`createdAt` integer NOT NULL,
	FOREIGN KEY (`userId`) REFERENCES `User`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `Session_userId_idx` ON `Session` (`userId`);--> statement-breakpoint
CREATE INDEX `Session_expiresAt_idx` ON `Session` (`expiresAt`);--> statement-breakpoint
CREATE TABLE `Todo` (
	`id` text PRIMARY KEY NOT NULL,
	`orgId` text NOT NULL,
	`title` text NOT NULL,
	`completed` integer DEFAULT false NOT NULL,
	`createdById` text NOT NULL,
	`completedById` text,
	`createdAt` integer NOT NULL,
	`updatedAt` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `Todo_orgId_createdAt_idx` ON `Todo` (`orgId`,`createdAt`);--> statement-breakpoint
CREATE TABLE `User` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`passwordHash` text NOT NULL,
	`createdAt` integer NOT NULL,
	`updatedAt` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `User_email_key` ON `User` (`email`);