import { useFetcher } from 'react-router';

export type TodoView = { id: string; title: string; completed: boolean; completedBy: string | null };

/**
 * One todo: a round checkbox that completes or reopens it, and a delete button. Both are forms that
 * post without JavaScript; with it they post in the background and the row changes at once.
 */
export function TodoItem({ todo, showCompletedBy }: { todo: TodoView; showCompletedBy: boolean }) {
  const fetcher = useFetcher();
  const pendingIntent = fetcher.formData?.get('intent');
  if (pendingIntent === 'delete') return null;
  const completed = pendingIntent === 'complete' ? true : pendingIntent === 'reopen' ? false : todo.completed;

  return (
    <li className={completed ? 'todo done' : 'todo'}>
      <fetcher.Form method="post" className="todo-toggle">
        <input type="hidden" name="id" value={todo.id} />
        <button
          type="submit"
          name="intent"
          value={completed ? 'reopen' : 'complete'}
          className="check"
          aria-label={completed ? `Mark “${todo.title}” as not done` : `Complete “${todo.title}”`}
          aria-pressed={completed}
        >
          <svg viewBox="0 0 20 20" aria-hidden="true">
            <path d="M5 10.5l3.2 3.2L15 7" />
          </svg>
        </button>
      </fetcher.Form>
      <span className="todo-title">{todo.title}</span>
      {completed && showCompletedBy && todo.completedBy ? <span className="todo-meta">done by {todo.completedBy}</span> : null}
      <fetcher.Form method="post" className="todo-delete">
        <input type="hidden" name="id" value={todo.id} />
        <button type="submit" name="intent" value="delete" className="icon" aria-label={`Delete “${todo.title}”`} title="Delete">
          <svg viewBox="0 0 20 20" aria-hidden="true">
            <path d="M6 6l8 8M14 6l-8 8" />
          </svg>
        </button>
      </fetcher.Form>
    </li>
  );
}
