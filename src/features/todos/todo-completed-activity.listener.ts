import { and, eq } from 'drizzle-orm';
import { createId } from '@paralleldrive/cuid2';
import { Inject, Injectable } from '@cruzjs/core/di';
import { DRIZZLE, type DrizzleDatabase } from '@cruzjs/core/database';
import { TodoCompletedEvent } from './events/todo-completed.event';
import { todos } from './todos.schema';
import { todoActivities } from './todo-activity.schema';

/** Adds "<who> completed <title>" to the organization's activity feed. */
@Injectable()
export class TodoCompletedActivityListener {
  constructor(@Inject(DRIZZLE) private readonly db: DrizzleDatabase) {}

  async handle(event: TodoCompletedEvent): Promise<void> {
    const todo = await this.db
      .select({ title: todos.title })
      .from(todos)
      .where(and(eq(todos.id, event.todoId), eq(todos.orgId, event.orgId)))
      .get();
    // Deleted in the moment between completing and this listener running: nothing to show.
    if (!todo) return;
    await this.db.insert(todoActivities).values({
      id: createId(),
      orgId: event.orgId,
      todoId: event.todoId,
      actorId: event.completedById,
      action: 'completed',
      todoTitle: todo.title,
      createdAt: new Date(),
    });
  }
}
