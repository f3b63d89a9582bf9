export { TodosModule } from './todos.module';
export { TodosService } from './todos.service';
export { TodoCompletedEvent } from './events/todo-completed.event';
