import { Form, Link, data, redirect, replace, useNavigation } from 'react-router';
import { AlreadyMemberError, InvitationService, NotAnOwnerError, OrganizationService, parseInviteeEmail } from '@cruzjs/start';
import { TodoActivityService, TodosService } from '../features/todos';
import { parseFilter, parseTitle, TITLE_MAX, type TodoFilter } from '../features/todos/todo-input';
import { requireSession } from './session.server';
import { readForm } from './form-body.server';
import { AppHeader } from './ui/app-header';
import { TodoItem } from './ui/todo-item';
import { ActivityFeed } from './ui/activity-feed';
import { MembersPanel } from './ui/members-panel';
import type { Route } from './+types/todos';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.org.name} · My Todos` : 'My Todos' }];
}

/** The signed-in user and the organization they work in (the session's, checked against their memberships). */
async function workspace(request: Request, context: Route.LoaderArgs['context']) {
  const session = await requireSession(request, context);
  const { orgs, active } = await context.cruz.resolve(OrganizationService).activeFor(session);
  if (!active) throw redirect('/orgs/new');
  return { session, user: session.user, orgs, org: active };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user, orgs, org } = await workspace(request, context);
  const parsed = parseFilter(new URL(request.url).searchParams.get('filter'));
  const filter: TodoFilter = parsed.ok ? parsed.value : 'all';
  const todosService = context.cruz.resolve(TodosService);
  const [todos, counts, activity, members, invitations] = await Promise.all([
    todosService.list(org.id, user.id, filter),
    todosService.counts(org.id, user.id),
    context.cruz.resolve(TodoActivityService).recent(org.id, user.id),
    context.cruz.resolve(OrganizationService).members(org.id, user.id),
    org.role === 'owner' ? context.cruz.resolve(InvitationService).pending(org.id, user.id) : Promise.resolve([]),
  ]);
  const names = new Map(members.map((m) => [m.userId, m.name ?? m.email]));
  return {
    user: { name: user.name, email: user.email },
    orgs,
    org,
    filter,
    counts,
    todos: todos.map((t) => ({ id: t.id, title: t.title, completed: t.completed, completedBy: t.completedById ? (names.get(t.completedById) ?? null) : null })),
    activity,
    members,
    invitations: invitations.map(({ id, email, createdAt }) => ({ id, email, createdAt })),
    now: Date.now(),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user, org } = await workspace(request, context);
  const form = await readForm(request);
  const intent = form.get('intent');
  const id = String(form.get('id') ?? '');
  const todos = context.cruz.resolve(TodosService);
  // After a change, show the page again as it was asked for (same filter): a GET, so reloading repeats
  // nothing; `replace` keeps in-page changes out of the browser history.
  const url = new URL(request.url);
  const back = replace(url.pathname + url.search);

  switch (intent) {
    case 'add': {
      const title = parseTitle(form.get('title') ?? '');
      if (!title.ok) return data({ intent: 'add' as const, error: title.error.message }, { status: 400 });
      await todos.create(org.id, user.id, title.value);
      return back;
    }
    // Another organization's todo (or none at all) is a 404, as in the JSON API.
    case 'complete':
      if (!(await todos.complete(id, org.id, user.id)) && !(await todos.get(id, org.id, user.id))) throw todoNotFound();
      return back;
    case 'reopen':
      if (!(await todos.update(id, org.id, user.id, { completed: false }))) throw todoNotFound();
      return back;
    case 'delete':
      if (!(await todos.delete(id, org.id, user.id))) throw todoNotFound();
      return back;
    case 'invite':
      return invite(form, org.id, user.id, url.origin, context);
    default:
      return data({ intent: 'unknown' as const, error: 'Unknown action.' }, { status: 400 });
  }
}

function todoNotFound() {
  return data('Todo not found.', { status: 404 });
}

async function invite(form: FormData, orgId: string, userId: string, origin: string, context: Route.ActionArgs['context']) {
  const email = parseInviteeEmail(form.get('email') ?? '');
  if (!email.ok) return data({ intent: 'invite' as const, error: email.message }, { status: 400 });
  try {
    await context.cruz.resolve(InvitationService).invite(orgId, userId, email.email, origin);
  } catch (error) {
    if (error instanceof AlreadyMemberError) return data({ intent: 'invite' as const, error: error.message }, { status: 409 });
    if (error instanceof NotAnOwnerError) return data({ intent: 'invite' as const, error: error.message }, { status: 403 });
    throw error;
  }
  return { intent: 'invite' as const, invited: email.email };
}

const FILTER_LABELS: Record<TodoFilter, string> = { all: 'All', active: 'Active', completed: 'Completed' };

export default function Todos({ loaderData, actionData }: Route.ComponentProps) {
  const { user, orgs, org, filter, counts, todos, activity, members, invitations, now } = loaderData;
  const navigation = useNavigation();
  const adding = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'add';
  const addError = actionData?.intent === 'add' ? actionData.error : undefined;
  const total = counts.active + counts.completed;
  const filterCount: Record<TodoFilter, number> = { all: total, active: counts.active, completed: counts.completed };

  return (
    <>
      <AppHeader user={user} orgs={orgs} activeOrgId={org.id} />
      <main className="layout">
        <section className="card todos-card" aria-labelledby="org-heading">
          <div className="card-head">
            <h1 id="org-heading">{org.name}</h1>
            <span className="muted small">
              {members.length === 1 ? 'Just you' : `Shared with ${members.length - 1} ${members.length === 2 ? 'person' : 'people'}`}
            </span>
          </div>

          {/* Remounted (and so emptied) whenever a todo has been added. */}
          <Form method="post" className="add-todo" key={total}>
            <input
              name="title"
              placeholder="What needs doing?"
              aria-label="New todo"
              maxLength={TITLE_MAX}
              required
              autoComplete="off"
              autoFocus
              aria-invalid={addError ? true : undefined}
              aria-describedby={addError ? 'add-error' : undefined}
            />
            <button type="submit" name="intent" value="add" disabled={adding}>
              {adding ? 'Adding…' : 'Add'}
            </button>
          </Form>
          {addError ? (
            <p className="field-error" id="add-error" role="alert">
              {addError}
            </p>
          ) : null}

          <nav className="filters" aria-label="Show">
            {(Object.keys(FILTER_LABELS) as TodoFilter[]).map((f) => (
              <Link key={f} to={f === 'all' ? '/todos' : `/todos?filter=${f}`} className={f === filter ? 'filter current' : 'filter'} aria-current={f === filter ? 'page' : undefined}>
                {FILTER_LABELS[f]} <span className="count">{filterCount[f]}</span>
              </Link>
            ))}
          </nav>

          {todos.length === 0 ? (
            <p className="empty">{emptyMessage(filter, total)}</p>
          ) : (
            <ul className="todo-list">
              {todos.map((todo) => (
                <TodoItem key={todo.id} todo={todo} showCompletedBy={members.length > 1} />
              ))}
            </ul>
          )}
          <p className="muted small footer-note">
            {counts.active === 1 ? '1 item left' : `${counts.active} items left`}
          </p>
        </section>

        <aside className="sidebar">
          <ActivityFeed entries={activity} now={now} />
          <MembersPanel
            members={members}
            invitations={invitations}
            canInvite={org.role === 'owner'}
            result={actionData?.intent === 'invite' ? actionData : undefined}
            now={now}
          />
        </aside>
      </main>
    </>
  );
}

function emptyMessage(filter: TodoFilter, total: number): string {
  if (total === 0) return 'Nothing here yet. Add your first todo above.';
  if (filter === 'active') return 'All done. Nice work!';
  if (filter === 'completed') return 'Nothing completed yet.';
  return 'Nothing here yet.';
}
