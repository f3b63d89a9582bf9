import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Timestamps are integer milliseconds since the epoch, as everywhere in CruzJS. */
const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const users = sqliteTable(
  'User',
  {
    id: text('id').primaryKey(),
    /** Trimmed and lower-cased at registration; unique. */
    email: text('email').notNull(),
    /** As the user typed it; null when they gave none. */
    name: text('name'),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`; never the password. */
    passwordHash: text('passwordHash').notNull(),
    createdAt: timestamp('createdAt').notNull(),
    updatedAt: timestamp('updatedAt').notNull(),
  },
  (t) => [uniqueIndex('User_email_key').on(t.email)],
);

export const organizations = sqliteTable('Organization', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** The organization every user gets at registration. */
  personal: integer('personal', { mode: 'boolean' }).notNull().default(false),
  createdById: text('createdById').notNull(),
  createdAt: timestamp('createdAt').notNull(),
  updatedAt: timestamp('updatedAt').notNull(),
});

export const MEMBERSHIP_ROLES = ['owner', 'member'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const memberships = sqliteTable(
  'Membership',
  {
    id: text('id').primaryKey(),
    orgId: text('orgId')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('userId')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: MEMBERSHIP_ROLES }).notNull(),
    createdAt: timestamp('createdAt').notNull(),
  },
  (t) => [uniqueIndex('Membership_orgId_userId_key').on(t.orgId, t.userId), index('Membership_userId_idx').on(t.userId)],
);

export const sessions = sqliteTable(
  'Session',
  {
    /** SHA-256 of the session token (hex): the token itself lives only in the user's cookie. */
    tokenHash: text('tokenHash').primaryKey(),
    userId: text('userId')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The organization the user is working in. */
    activeOrgId: text('activeOrgId'),
    expiresAt: timestamp('expiresAt').notNull(),
    createdAt: timestamp('createdAt').notNull(),
  },
  (t) => [index('Session_userId_idx').on(t.userId), index('Session_expiresAt_idx').on(t.expiresAt)],
);

export type User = typeof users.$inferSelect;
export type Organization = typeof organizations.$inferSelect;
export type Membership = typeof memberships.$inferSelect;

export const invitations = sqliteTable(
  'Invitation',
  {
    id: text('id').primaryKey(),
    orgId: text('orgId')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Trimmed and lower-cased; only an account with this email can accept. */
    email: text('email').notNull(),
    role: text('role', { enum: MEMBERSHIP_ROLES }).notNull(),
    /**
     * SHA-256 of the accept token (hex). The token itself exists only in the email's link: the
     * email job draws a fresh one each time it runs, so it is never written to any table.
     */
    tokenHash: text('tokenHash').notNull(),
    invitedById: text('invitedById')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expiresAt').notNull(),
    /** Set once, by the accept that consumed it: invitations are single use. */
    acceptedAt: timestamp('acceptedAt'),
    acceptedById: text('acceptedById').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('createdAt').notNull(),
  },
  (t) => [uniqueIndex('Invitation_tokenHash_key').on(t.tokenHash), index('Invitation_orgId_email_idx').on(t.orgId, t.email)],
);

export type Invitation = typeof invitations.$inferSelect;
