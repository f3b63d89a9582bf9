// Input rules for todos, shared by the JSON API and the pages (and safe to load in the browser).
import { singleLineTextProblem } from '@cruzjs/core/text';

export const TITLE_MAX = 500;

export const TODO_FILTERS = ['all', 'active', 'completed'] as const;
export type TodoFilter = (typeof TODO_FILTERS)[number];

export type NewTodo = { title: string };
export type TodoChanges = { title?: string; completed?: boolean };

export type InputError = { field: string; message: string };
type Parsed<T> = { ok: true; value: T } | { ok: false; error: InputError };

/** A title: text, 1 to 500 characters once trimmed. */
export function parseTitle(value: unknown): Parsed<string> {
  if (typeof value !== 'string') {
    return { ok: false, error: { field: 'title', message: value === undefined ? 'A todo needs a title.' : 'Title must be text.' } };
  }
  const title = value.trim();
  if (title === '') return { ok: false, error: { field: 'title', message: 'A todo needs a title.' } };
  const problem = singleLineTextProblem(title);
  if (problem) return { ok: false, error: { field: 'title', message: `Title ${problem}.` } };
  if ([...title].length > TITLE_MAX) return { ok: false, error: { field: 'title', message: `Title must be at most ${TITLE_MAX} characters.` } };
  return { ok: true, value: title };
}

/** The body of POST /api/todos: `{ title }` and nothing else. */
export function parseNewTodo(fields: Record<string, unknown>): Parsed<NewTodo> {
  const unknown = unknownField(fields, ['title']);
  if (unknown) return { ok: false, error: unknown };
  const title = parseTitle(fields.title);
  return title.ok ? { ok: true, value: { title: title.value } } : title;
}

/** The body of PATCH /api/todos/:id: a new `title`, `completed`, or both. */
export function parseTodoChanges(fields: Record<string, unknown>): Parsed<TodoChanges> {
  const unknown = unknownField(fields, ['title', 'completed']);
  if (unknown) return { ok: false, error: unknown };
  const changes: TodoChanges = {};
  if (fields.title !== undefined) {
    const title = parseTitle(fields.title);
    if (!title.ok) return title;
    changes.title = title.value;
  }
  if (fields.completed !== undefined) {
    if (typeof fields.completed !== 'boolean') return { ok: false, error: { field: 'completed', message: 'completed must be true or false.' } };
    changes.completed = fields.completed;
  }
  if (Object.keys(changes).length === 0) return { ok: false, error: { field: 'title', message: 'Send a new title, completed, or both.' } };
  return { ok: true, value: changes };
}

/** `?filter=`: all (the default), active or completed. */
export function parseFilter(value: string | null): Parsed<TodoFilter> {
  if (value === null || value === '') return { ok: true, value: 'all' };
  if ((TODO_FILTERS as readonly string[]).includes(value)) return { ok: true, value: value as TodoFilter };
  return { ok: false, error: { field: 'filter', message: `filter must be one of ${TODO_FILTERS.join(', ')}.` } };
}

function unknownField(fields: Record<string, unknown>, allowed: string[]): InputError | null {
  const key = Object.keys(fields).find((k) => !allowed.includes(k));
  return key === undefined ? null : { field: key, message: `Unknown field "${key}".` };
}
