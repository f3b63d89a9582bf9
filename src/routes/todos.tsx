import { Form, data, redirect } from 'react-router';
import { SessionService } from '@cruzjs/start';
import { TodosService } from '../features/todos';
import { TITLE_MAX } from '../features/todos/todos.service';
import type { Route } from './+types/todos';

async function requireSession(request: Request, context: Route.LoaderArgs['context']) {
  const session = await context.cruz.resolve(SessionService).current(request);
  if (!session || !session.activeOrgId) throw redirect('/auth/login');
  return { user: session.user, orgId: session.activeOrgId };
}

export function meta() {
  return [{ title: 'My Todos' }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user, orgId } = await requireSession(request, context);
  const todos = await context.cruz.resolve(TodosService).list(orgId);
  return { user: { name: user.name, email: user.email }, todos };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user, orgId } = await requireSession(request, context);
  const form = await request.formData();
  const service = context.cruz.resolve(TodosService);
  if (form.get('intent') === 'complete') {
    await service.complete(String(form.get('id') ?? ''), orgId, user.id);
    return null;
  }
  const title = String(form.get('title') ?? '').trim();
  if (title.length === 0 || title.length > TITLE_MAX) {
    return data({ error: `A todo needs a title of 1 to ${TITLE_MAX} characters.` }, { status: 400 });
  }
  await service.create(orgId, user.id, title);
  return null;
}

export default function Todos({ loaderData, actionData }: Route.ComponentProps) {
  const { user, todos } = loaderData;
  return (
    <main className="page">
      <header className="bar">
        <div>
          <h1>My Todos</h1>
          <span className="muted">Signed in as {user.name ?? user.email}</span>
        </div>
        <form method="post" action="/auth/logout">
          <button className="link" type="submit">
            Sign out
          </button>
        </form>
      </header>
      <Form method="post" className="add">
        <input name="title" placeholder="What needs doing?" aria-label="New todo" maxLength={TITLE_MAX} required />
        <button type="submit">Add</button>
      </Form>
      {actionData && 'error' in actionData ? <p className="field-error">{actionData.error}</p> : null}
      {todos.length === 0 ? <p className="muted">Nothing yet. Add your first todo above.</p> : null}
      <ul className="todos">
        {todos.map((todo) => (
          <li key={todo.id} className={todo.completed ? 'done' : undefined}>
            <span>{todo.title}</span>
            {todo.completed ? (
              <span className="muted">Done</span>
            ) : (
              <Form method="post">
                <input type="hidden" name="id" value={todo.id} />
                <button className="link" type="submit" name="intent" value="complete">
                  Complete
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
