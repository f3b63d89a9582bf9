import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** What happened to an organization's todos, newest first on the todos page. */
export const todoActivities = sqliteTable(
  'TodoActivity',
  {
    id: text('id').primaryKey(),
    orgId: text('orgId').notNull(),
    todoId: text('todoId').notNull(),
    actorId: text('actorId').notNull(),
    action: text('action', { enum: ['completed'] }).notNull(),
    /** The todo's title when it happened, so the entry still reads well after the todo is renamed or deleted. */
    todoTitle: text('todoTitle').notNull(),
    createdAt: integer('createdAt', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('TodoActivity_orgId_createdAt_idx').on(t.orgId, t.createdAt)],
);

export type TodoActivity = typeof todoActivities.$inferSelect;
