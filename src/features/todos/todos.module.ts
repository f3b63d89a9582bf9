import { Module } from '@cruzjs/core/di';
import { TodosService } from './todos.service';
import { TodosController } from './todos.controller';
import { TodoActivityService } from './todo-activity.service';
import { TodoCompletedActivityListener } from './todo-completed-activity.listener';
import { TodoCompletedEvent } from './events/todo-completed.event';

/** Organization todos: the service, the JSON API, and the activity feed fed by TodoCompletedEvent. */
@Module({
  providers: [TodosService, TodosController, TodoActivityService, TodoCompletedActivityListener],
  events: [
    {
      event: TodoCompletedEvent,
      useClass: TodoCompletedActivityListener,
      method: 'handle',
    },
  ],
  routes: [
    { method: 'GET', path: '/api/todos', controller: TodosController, action: 'list' },
    { method: 'POST', path: '/api/todos', controller: TodosController, action: 'create' },
    { method: 'GET', path: '/api/todos/:id', controller: TodosController, action: 'get' },
    { method: 'PATCH', path: '/api/todos/:id', controller: TodosController, action: 'update' },
    { method: 'DELETE', path: '/api/todos/:id', controller: TodosController, action: 'delete' },
    { method: 'POST', path: '/api/todos/:id/complete', controller: TodosController, action: 'complete' },
  ],
})
export class TodosModule {}
