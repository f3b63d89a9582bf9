// The My Todos app as people use it: a real `cruz dev`, Debian's chromium, two people in two browser
// contexts. Screenshots of the main pages go to test-results/e2e/todos-app/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useDevServerAndBrowser } from './e2e-session.js';

const VIEWPORT = { width: 1200, height: 760 };
const e2e = useDevServerAndBrowser(['todos-app']);

/** A browser context whose uncaught page errors are collected, to assert there were none. */
async function person() {
  const context = await e2e.browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** The org switcher's no-JavaScript "Switch" button goes away once React has taken over the page. */
async function hydrated(page) {
  await page.waitForSelector('.org-switcher');
  await page.waitForSelector('.org-switcher button', { state: 'detached' });
}

async function register(page, { name, email, password = 'correct horse battery' }) {
  if (name) await page.fill('input[name=name]', name);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button:has-text("Create account")');
}

async function addTodo(page, title) {
  await page.fill('input[name=title]', title);
  await page.press('input[name=title]', 'Enter');
  await page.waitForSelector(`.todo-title:text-is("${title}")`);
}

const titles = (page) => page.$$eval('.todo-list .todo-title', (els) => els.map((el) => el.textContent));

/** Reloads until `selector` shows `text`: for what background work (event listeners, jobs) writes after a response. */
async function reloadUntil(page, selector, text) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const element = await page.$(selector);
    if (element && (await element.textContent()).includes(text)) return;
    await page.waitForTimeout(250);
    await page.reload();
  }
  await page.screenshot({ path: path.join(e2e.shots, 'failure.png') });
  assert.fail(`${selector} never showed ${JSON.stringify(text)}\n${e2e.server.output().slice(-3000)}`);
}

test('register, keep todos, share them with an organization, and accept the invitation as someone else', async () => {
  const alice = await person();
  const { page } = alice;

  // Register: straight to /todos, in the personal organization.
  await page.goto(`${e2e.server.url}/auth/register`);
  await register(page, { name: 'Alice', email: 'alice@example.com' });
  await page.waitForURL(`${e2e.server.url}/todos`);
  await hydrated(page);
  assert.equal(await page.textContent('h1'), "Alice's todos");
  assert.match(await page.textContent('.empty'), /Add your first todo/);

  // Three todos, newest first; the input empties after each.
  for (const title of ['Buy oat milk', 'Walk the dog', 'Book the dentist']) await addTodo(page, title);
  assert.deepEqual(await titles(page), ['Book the dentist', 'Walk the dog', 'Buy oat milk']);
  assert.equal(await page.inputValue('input[name=title]'), '');

  // Complete one: the row shows it at once, the counts follow.
  await page.click('button[aria-label="Complete “Walk the dog”"]');
  await page.waitForSelector('.todo.done .todo-title:text-is("Walk the dog")');
  await page.waitForSelector('.footer-note:text-is("2 items left")');

  // Filter.
  await page.click('a.filter:has-text("Active")');
  await page.waitForURL(`${e2e.server.url}/todos?filter=active`);
  await page.waitForSelector('.todo-title:text-is("Walk the dog")', { state: 'detached' });
  assert.deepEqual(await titles(page), ['Book the dentist', 'Buy oat milk']);
  await page.click('a.filter:has-text("Completed")');
  await page.waitForURL(`${e2e.server.url}/todos?filter=completed`);
  await page.waitForSelector('.todo-title:text-is("Buy oat milk")', { state: 'detached' });
  assert.deepEqual(await titles(page), ['Walk the dog']);
  await page.click('a.filter:has-text("All")');
  await page.waitForURL(`${e2e.server.url}/todos`);

  // The activity entry written by TodosModule's TodoCompletedEvent listener.
  await reloadUntil(page, '.activity', 'Alice completed “Walk the dog”');
  await hydrated(page);
  await page.screenshot({ path: path.join(e2e.shots, 'todos.png') });

  // A new organization, which becomes the active one.
  await page.click('a:has-text("New organization")');
  await page.waitForURL(`${e2e.server.url}/orgs/new`);
  await hydrated(page);
  await page.screenshot({ path: path.join(e2e.shots, 'org-new.png') });
  await page.fill('input[name=name]', 'Acme');
  await page.click('button:has-text("Create organization")');
  await page.waitForURL(`${e2e.server.url}/todos`);
  await page.waitForSelector('h1:text-is("Acme")');
  assert.equal(await page.$eval('#org-switcher', (select) => select.selectedOptions[0].textContent), 'Acme');
  assert.deepEqual(await titles(page), [], "Acme's list starts empty: the personal todos stay in the personal organization");
  await addTodo(page, 'Ship the release');

  // Invite Bob: the invitation email is a background job; in `cruz dev` it lands in the dev mailbox.
  await page.fill('#invite-email', 'bob@example.com');
  await page.click('button:has-text("Invite")');
  await page.waitForSelector('.notice:text-is("Invitation sent to bob@example.com.")');
  await page.waitForSelector('.members .pending:has-text("bob@example.com")');

  // Bob, in his own browser context, reads the email and follows its link.
  const bob = await person();
  const email = await bob.context.newPage();
  await email.goto(`${e2e.server.url}/dev/mail`);
  await reloadUntil(email, 'table', 'Alice invited you to join Acme');
  await email.click('a:has-text("Alice invited you to join Acme")');
  const link = (await email.textContent('pre')).match(/https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/)?.[0];
  assert.ok(link, 'the email links the invitation page');
  assert.ok(link.startsWith(`${e2e.server.url}/invitations/`), `the link is on the dev e2e.server: ${link}`);

  await bob.page.goto(link);
  await bob.page.waitForSelector('h1:text-is("Join Acme")');
  assert.match(await bob.page.textContent('.lead'), /Alice invited bob@example\.com to share the todo list of Acme/);
  await bob.page.screenshot({ path: path.join(e2e.shots, 'invitation.png') });

  // He has no account yet: register (the email is filled in), come back, join.
  await bob.page.click('a:has-text("Create an account to join")');
  await bob.page.waitForURL(/\/auth\/register\?/);
  assert.equal(await bob.page.inputValue('input[name=email]'), 'bob@example.com');
  await register(bob.page, { name: 'Bob', email: 'bob@example.com' });
  await bob.page.waitForURL(link);
  await bob.page.click('button:has-text("Join Acme")');
  await bob.page.waitForURL(`${e2e.server.url}/todos`);
  await hydrated(bob.page);

  // The shared list: Bob sees Alice's todo in Acme and completes it.
  assert.equal(await bob.page.textContent('h1'), 'Acme');
  assert.deepEqual(await titles(bob.page), ['Ship the release']);
  await bob.page.click('button[aria-label="Complete “Ship the release”"]');
  await bob.page.waitForSelector('.todo.done .todo-title:text-is("Ship the release")');
  await reloadUntil(bob.page, '.activity', 'Bob completed “Ship the release”');
  await hydrated(bob.page);
  await bob.page.screenshot({ path: path.join(e2e.shots, 'shared-list.png') });

  // Alice sees what Bob did, and Bob among the members.
  await page.reload();
  await page.waitForSelector('.todo.done:has-text("done by Bob")');
  await page.waitForSelector('.members li:has-text("Bob")');
  assert.match(await page.textContent('.activity'), /Bob completed “Ship the release”/);

  // The used link says so.
  await bob.page.goto(link);
  await bob.page.waitForSelector('h1:text-is("Invitation already used")');

  assert.deepEqual(alice.errors, []);
  assert.deepEqual(bob.errors, []);
  await alice.context.close();
  await bob.context.close();
});

test('without JavaScript, the pages still work: add, complete, filter, sign out', async () => {
  const context = await e2e.browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${e2e.server.url}/auth/register`);
  await register(page, { name: 'Nora', email: 'nora@example.com' });
  await page.waitForURL(`${e2e.server.url}/todos`);

  for (const title of ['Water the plants', 'Call grandma']) {
    await page.fill('input[name=title]', title);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Add")')]);
  }
  assert.deepEqual(await titles(page), ['Call grandma', 'Water the plants']);

  await Promise.all([page.waitForNavigation(), page.click('button[aria-label="Complete “Call grandma”"]')]);
  assert.deepEqual(await page.$$eval('.todo.done .todo-title', (els) => els.map((el) => el.textContent)), ['Call grandma']);

  await page.fill('input[name=title]', '   ');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Add")')]);
  assert.equal(await page.textContent('#add-error'), 'A todo needs a title.');

  await Promise.all([page.waitForNavigation(), page.click('a.filter:has-text("Active")')]);
  assert.deepEqual(await titles(page), ['Water the plants']);

  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign out")')]);
  assert.equal(new URL(page.url()).pathname, '/auth/login');
  await page.goto(`${e2e.server.url}/todos`);
  assert.equal(new URL(page.url()).pathname, '/auth/login', 'signed out: /todos sends you to sign in');
  await context.close();
});

test('page actions answer 4xx, never 500: a body that is not a form, another organization\'s todo', async () => {
  const signUp = async (name) => {
    const response = await fetch(`${e2e.server.url}/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `${name}-${Date.now()}@example.com`, password: 'password123', name }),
    });
    assert.equal(response.status, 201);
    return response.headers.get('set-cookie').split(';')[0];
  };
  const owner = await signUp('carol');
  const stranger = await signUp('dave');
  const created = await fetch(`${e2e.server.url}/api/todos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: owner },
    body: JSON.stringify({ title: 'Carol only' }),
  });
  const { todo } = await created.json();

  const post = (cookie, body, type = 'application/x-www-form-urlencoded') =>
    fetch(`${e2e.server.url}/todos`, { method: 'POST', headers: { 'Content-Type': type, Cookie: cookie }, body, redirect: 'manual' });
  assert.equal((await post(stranger, '{"intent":"add"}', 'text/plain')).status, 415);
  assert.equal((await post(stranger, '--x\r\nbroken', 'multipart/form-data; boundary=x')).status, 400);
  for (const intent of ['complete', 'reopen', 'delete']) {
    assert.equal((await post(stranger, new URLSearchParams({ intent, id: todo.id }).toString())).status, 404, intent);
  }
  const mine = await fetch(`${e2e.server.url}/api/todos/${todo.id}`, { headers: { Cookie: owner } });
  assert.equal((await mine.json()).todo.completed, false);
  assert.equal(e2e.server.output().includes('[http]'), false, 'no request failed with a 500');
});
