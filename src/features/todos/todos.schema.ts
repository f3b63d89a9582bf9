import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createId } from '@paralleldrive/cuid2';

/** A todo belongs to an organization; every query is scoped by `orgId`. */
export const todos = sqliteTable(
  'Todo',
  {
    id: text('id').primaryKey().$defaultFn(() => createId()),
    orgId: text('orgId').notNull(),
    title: text('title').notNull(),
    completed: integer('completed', { mode: 'boolean' }).notNull().default(false),
    createdById: text('createdById').notNull(),
    completedById: text('completedById'),
    createdAt: integer('createdAt', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updatedAt', { mode: 'timestamp_ms' }).notNull(),
  },
  // The list query: all of an organization's todos, or only the active or completed ones, newest first.
  (t) => [index('Todo_orgId_createdAt_idx').on(t.orgId, t.createdAt), index('Todo_orgId_completed_createdAt_idx').on(t.orgId, t.completed, t.createdAt)],
);

export type Todo = typeof todos.$inferSelect;
