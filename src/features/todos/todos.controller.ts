import { Inject, Injectable } from '@cruzjs/core/di';
import { json, jsonError, readJsonObject, type RequestContext } from '@cruzjs/core/http';
import { NotAMemberError, SessionService, type CurrentSession } from '@cruzjs/start';
import { TodosService } from './todos.service';
import { parseFilter, parseNewTodo, parseTodoChanges } from './todo-input';

type SignedIn = { session: CurrentSession; orgId: string };

/**
 * /api/todos, acting in the session's active organization. 401 without a session; 404 for a todo
 * that is not in that organization and for an organization the user does not belong to, so nothing
 * tells a stranger what exists; 400 naming the field for bad input.
 */
@Injectable()
export class TodosController {
  constructor(
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(TodosService) private readonly todos: TodosService,
  ) {}

  /** GET /api/todos?filter=all|active|completed */
  list(request: Request, { url }: RequestContext): Promise<Response> {
    return this.signedIn(request, async ({ session, orgId }) => {
      const filter = parseFilter(url.searchParams.get('filter'));
      if (!filter.ok) return jsonError(400, filter.error.field, filter.error.message);
      return json({ todos: await this.todos.list(orgId, session.user.id, filter.value) });
    });
  }

  /** POST /api/todos { title } */
  create(request: Request): Promise<Response> {
    return this.signedIn(request, async ({ session, orgId }) => {
      const fields = await readJsonObject(request);
      if (fields instanceof Response) return fields;
      const input = parseNewTodo(fields);
      if (!input.ok) return jsonError(400, input.error.field, input.error.message);
      return json({ todo: await this.todos.create(orgId, session.user.id, input.value.title) }, { status: 201 });
    });
  }

  /** GET /api/todos/:id */
  get(request: Request, { params }: RequestContext): Promise<Response> {
    return this.signedIn(request, async ({ session, orgId }) => found(await this.todos.get(params.id, orgId, session.user.id)));
  }

  /** PATCH /api/todos/:id { title?, completed? } */
  update(request: Request, { params }: RequestContext): Promise<Response> {
    return this.signedIn(request, async ({ session, orgId }) => {
      const fields = await readJsonObject(request);
      if (fields instanceof Response) return fields;
      const changes = parseTodoChanges(fields);
      if (!changes.ok) return jsonError(400, changes.error.field, changes.error.message);
      return found(await this.todos.update(params.id, orgId, session.user.id, changes.value));
    });
  }

  /** POST /api/todos/:id/complete: completing a completed todo changes nothing and answers it as it is. */
  complete(request: Request, { params }: RequestContext): Promise<Response> {
    return this.signedIn(request, async ({ session, orgId }) => {
      const completed = await this.todos.complete(params.id, orgId, session.user.id);
      return found(completed ?? (await this.todos.get(params.id, orgId, session.user.id)));
    });
  }

  /** DELETE /api/todos/:id */
  delete(request: Request, { params }: RequestContext): Promise<Response> {
    return this.signedIn(request, async ({ session, orgId }) => {
      if (!(await this.todos.delete(params.id, orgId, session.user.id))) return todoNotFound();
      return new Response(null, { status: 204 });
    });
  }

  private async signedIn(request: Request, act: (signedIn: SignedIn) => Promise<Response>): Promise<Response> {
    const session = await this.sessions.current(request);
    if (!session) return jsonError(401, null, 'Sign in first.');
    if (!session.activeOrgId) return jsonError(404, null, 'Organization not found.');
    try {
      return await act({ session, orgId: session.activeOrgId });
    } catch (error) {
      if (error instanceof NotAMemberError) return jsonError(404, null, error.message);
      throw error;
    }
  }
}

function found(todo: unknown): Response {
  return todo ? json({ todo }) : todoNotFound();
}

function todoNotFound(): Response {
  return jsonError(404, null, 'Todo not found.');
}
