import { and, count, desc, eq, sql } from 'drizzle-orm';
import { Inject, Injectable } from '@cruzjs/core/di';
import { DRIZZLE, type DrizzleDatabase } from '@cruzjs/core/database';
import { EventBus } from '@cruzjs/core/events';
import { MembershipService } from '@cruzjs/start';
import { todos, type Todo } from './todos.schema';
import { TodoCompletedEvent } from './events/todo-completed.event';
import type { TodoChanges, TodoFilter } from './todo-input';

/**
 * An organization's todos. Every method first checks that the user belongs to the organization
 * (NotAMemberError otherwise) and every query is scoped by `orgId`: a todo of another organization
 * is simply not found.
 */
@Injectable()
export class TodosService {
  constructor(
    @Inject(DRIZZLE) private readonly db: DrizzleDatabase,
    @Inject(EventBus) private readonly events: EventBus,
    @Inject(MembershipService) private readonly members: MembershipService,
  ) {}

  /** Newest first; ties (same millisecond) in the order they were added, newest first. */
  async list(orgId: string, userId: string, filter: TodoFilter = 'all'): Promise<Todo[]> {
    await this.members.requireMember(orgId, userId);
    const scope = filter === 'all' ? eq(todos.orgId, orgId) : and(eq(todos.orgId, orgId), eq(todos.completed, filter === 'completed'));
    return this.db.select().from(todos).where(scope).orderBy(desc(todos.createdAt), desc(sql`${todos}.rowid`)).all();
  }

  /** How many todos are active and completed, counted in SQL. */
  async counts(orgId: string, userId: string): Promise<{ active: number; completed: number }> {
    await this.members.requireMember(orgId, userId);
    const rows = await this.db
      .select({ completed: todos.completed, n: count() })
      .from(todos)
      .where(eq(todos.orgId, orgId))
      .groupBy(todos.completed)
      .all();
    return {
      active: rows.find((r) => !r.completed)?.n ?? 0,
      completed: rows.find((r) => r.completed)?.n ?? 0,
    };
  }

  async get(id: string, orgId: string, userId: string): Promise<Todo | undefined> {
    await this.members.requireMember(orgId, userId);
    return this.db.select().from(todos).where(and(eq(todos.id, id), eq(todos.orgId, orgId))).get();
  }

  async create(orgId: string, userId: string, title: string): Promise<Todo> {
    await this.members.requireMember(orgId, userId);
    const now = new Date();
    const [todo] = await this.db.insert(todos).values({ orgId, title, createdById: userId, createdAt: now, updatedAt: now }).returning();
    return todo;
  }

  /**
   * Renames and/or reopens a todo; `completed: true` goes through `complete`, so a completion made
   * here fires TodoCompletedEvent too (once).
   */
  async update(id: string, orgId: string, userId: string, changes: TodoChanges): Promise<Todo | undefined> {
    await this.members.requireMember(orgId, userId);
    const reopen = changes.completed === false ? { completed: false, completedById: null } : {};
    const [todo] = await this.db
      .update(todos)
      .set({ ...(changes.title !== undefined ? { title: changes.title } : {}), ...reopen, updatedAt: new Date() })
      .where(and(eq(todos.id, id), eq(todos.orgId, orgId)))
      .returning();
    if (!todo || changes.completed !== true) return todo;
    return (await this.complete(id, orgId, userId)) ?? todo;
  }

  // As in the tutorial: the event fires only when a row actually changed. `completed = false` in
  // the WHERE makes a second completion (or a concurrent one) change nothing, so it fires once.
  async complete(id: string, orgId: string, userId: string) {
    await this.members.requireMember(orgId, userId);
    const [todo] = await this.db
      .update(todos)
      .set({ completed: true, completedById: userId, updatedAt: new Date() })
      .where(and(eq(todos.id, id), eq(todos.orgId, orgId), eq(todos.completed, false)))
      .returning();

    if (todo) {
      await this.events.emit(new TodoCompletedEvent(id, orgId, userId));
    }

    return todo;
  }

  /** True when the todo existed in this organization and is gone. */
  async delete(id: string, orgId: string, userId: string): Promise<boolean> {
    await this.members.requireMember(orgId, userId);
    const deleted = await this.db.delete(todos).where(and(eq(todos.id, id), eq(todos.orgId, orgId))).returning({ id: todos.id });
    return deleted.length > 0;
  }
}
