import { and, desc, eq } from 'drizzle-orm';
import { Inject, Injectable } from '@cruzjs/core/di';
import { DRIZZLE, type DrizzleDatabase } from '@cruzjs/core/database';
import { EventBus } from '@cruzjs/core/events';
import { todos } from './todos.schema';
import { TodoCompletedEvent } from './events/todo-completed.event';

export const TITLE_MAX = 500;

@Injectable()
export class TodosService {
  constructor(
    @Inject(DRIZZLE) private readonly db: DrizzleDatabase,
    @Inject(EventBus) private readonly events: EventBus,
  ) {}

  list(orgId: string) {
    return this.db.select().from(todos).where(eq(todos.orgId, orgId)).orderBy(desc(todos.createdAt)).all();
  }

  async create(orgId: string, userId: string, title: string) {
    const now = new Date();
    const [todo] = await this.db.insert(todos).values({ orgId, title, createdById: userId, createdAt: now, updatedAt: now }).returning();
    return todo;
  }

  // As in the tutorial: the event fires only when a row actually changed.
  async complete(id: string, orgId: string, userId: string) {
    const [todo] = await this.db
      .update(todos)
      .set({ completed: true, updatedAt: new Date() })
      .where(and(eq(todos.id, id), eq(todos.orgId, orgId)))
      .returning();

    if (todo) {
      await this.events.emit(new TodoCompletedEvent(id, orgId, userId));
    }

    return todo;
  }
}
