import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { Injectable, Module } from '@cruzjs/core/di';
import { StartModule } from '@cruzjs/start';
import { TodoActivityService, TodoCompletedEvent, TodosModule } from '../../src/features/todos';
import { createTestApp } from './support/test-app';
import { callApi, signUp, type SignedInUser } from './support/signed-in-user';

const completions: TodoCompletedEvent[] = [];

@Injectable()
class RecordingListener {
  handle(event: TodoCompletedEvent) {
    completions.push(event);
  }
}

@Module({
  providers: [RecordingListener],
  events: [{ event: TodoCompletedEvent, useClass: RecordingListener, method: 'handle' }],
})
class RecordingModule {}

const app = createTestApp([StartModule, TodosModule, RecordingModule]);

beforeEach(() => {
  completions.length = 0;
});

async function addTodo(user: SignedInUser, title: string): Promise<string> {
  return (await callApi(app, user, 'POST', '/api/todos', { title })).body.todo.id;
}

const activityRows = (todoId: string) =>
  env.DB.prepare('SELECT orgId, actorId, action, todoTitle FROM TodoActivity WHERE todoId = ?').bind(todoId).all().then((r) => r.results);

describe('TodoCompletedEvent', () => {
  it('fires once when a todo is completed, with the todo, organization and who completed it', async () => {
    const jane = await signUp(app, 'Jane');
    const id = await addTodo(jane, 'Buy milk');
    expect(completions).toEqual([]);
    expect((await callApi(app, jane, 'POST', `/api/todos/${id}/complete`)).status).toBe(200);
    expect(completions).toHaveLength(1);
    expect(completions[0]).toBeInstanceOf(TodoCompletedEvent);
    expect({ ...completions[0] }).toEqual({ todoId: id, orgId: jane.personalOrgId, completedById: jane.id });
  });

  it('does not fire for a second completion of the same todo', async () => {
    const jane = await signUp(app, 'Jane');
    const id = await addTodo(jane, 'Buy milk');
    await callApi(app, jane, 'POST', `/api/todos/${id}/complete`);
    const again = await callApi(app, jane, 'POST', `/api/todos/${id}/complete`);
    expect(again.status).toBe(200);
    expect(again.body.todo).toMatchObject({ id, completed: true });
    expect(completions).toHaveLength(1);
  });

  it('fires once when two completions of one todo race', async () => {
    const jane = await signUp(app, 'Jane');
    const id = await addTodo(jane, 'Buy milk');
    await Promise.all([1, 2, 3].map(() => callApi(app, jane, 'POST', `/api/todos/${id}/complete`)));
    expect(completions).toHaveLength(1);
  });

  it("does not fire for another organization's todo (404)", async () => {
    const jane = await signUp(app, 'Jane');
    const mallory = await signUp(app, 'Mallory');
    const id = await addTodo(jane, 'Buy milk');
    expect((await callApi(app, mallory, 'POST', `/api/todos/${id}/complete`)).status).toBe(404);
    expect((await callApi(app, mallory, 'PATCH', `/api/todos/${id}`, { completed: true })).status).toBe(404);
    expect(completions).toEqual([]);
  });

  it('fires for a completion made with PATCH { completed: true }, once, and again after the todo is reopened', async () => {
    const jane = await signUp(app, 'Jane');
    const id = await addTodo(jane, 'Buy milk');
    const patched = await callApi(app, jane, 'PATCH', `/api/todos/${id}`, { title: 'Buy oat milk', completed: true });
    expect(patched.body.todo).toMatchObject({ title: 'Buy oat milk', completed: true, completedById: jane.id });
    await callApi(app, jane, 'PATCH', `/api/todos/${id}`, { completed: true });
    expect(completions).toHaveLength(1);
    await callApi(app, jane, 'PATCH', `/api/todos/${id}`, { completed: false });
    await callApi(app, jane, 'POST', `/api/todos/${id}/complete`);
    expect(completions).toHaveLength(2);
  });

  it('does not fire when a todo is created, renamed, reopened or deleted', async () => {
    const jane = await signUp(app, 'Jane');
    const id = await addTodo(jane, 'Buy milk');
    await callApi(app, jane, 'PATCH', `/api/todos/${id}`, { title: 'Buy bread' });
    await callApi(app, jane, 'PATCH', `/api/todos/${id}`, { completed: false });
    await callApi(app, jane, 'DELETE', `/api/todos/${id}`);
    expect(completions).toEqual([]);
  });
});

describe("TodosModule's own listener: the activity feed", () => {
  it('adds one "completed" entry per completion, shown newest first with the name of who did it', async () => {
    const jane = await signUp(app, 'Jane');
    const milk = await addTodo(jane, 'Buy milk');
    const dog = await addTodo(jane, 'Walk the dog');
    await callApi(app, jane, 'POST', `/api/todos/${milk}/complete`);
    await callApi(app, jane, 'POST', `/api/todos/${milk}/complete`);
    await callApi(app, jane, 'POST', `/api/todos/${dog}/complete`);
    expect(await activityRows(milk)).toEqual([{ orgId: jane.personalOrgId, actorId: jane.id, action: 'completed', todoTitle: 'Buy milk' }]);
    const feed = await app.runtime.resolve(TodoActivityService).recent(jane.personalOrgId, jane.id);
    expect(feed.map(({ actorName, action, todoTitle }) => ({ actorName, action, todoTitle }))).toEqual([
      { actorName: 'Jane', action: 'completed', todoTitle: 'Walk the dog' },
      { actorName: 'Jane', action: 'completed', todoTitle: 'Buy milk' },
    ]);
  });

  it("keeps each organization's feed to itself", async () => {
    const jane = await signUp(app, 'Jane');
    const mallory = await signUp(app, 'Mallory');
    await callApi(app, jane, 'POST', `/api/todos/${await addTodo(jane, 'Buy milk')}/complete`);
    expect(await app.runtime.resolve(TodoActivityService).recent(mallory.personalOrgId, mallory.id)).toEqual([]);
    await expect(app.runtime.resolve(TodoActivityService).recent(jane.personalOrgId, mallory.id)).rejects.toThrow('Organization not found.');
  });
});
