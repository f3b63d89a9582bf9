// The app's database: the framework's tables plus the app's own. drizzle-kit reads this file.
export { jobs } from '@cruzjs/core/jobs/schema';
export { users, organizations, memberships, sessions, invitations } from '@cruzjs/start/schema';
export { todos } from '../features/todos/todos.schema';
export { todoActivities } from '../features/todos/todo-activity.schema';
