export { TodosModule } from './todos.module';
export { TodosService } from './todos.service';
export { TodoActivityService, type ActivityEntry } from './todo-activity.service';
export { TodoCompletedEvent } from './events/todo-completed.event';
export type { Todo } from './todos.schema';
