// The tutorial's "Verify it works" steps, done the way a new user does them: a real `cruz dev`,
// a real browser on /auth/register, the terminal, then `cruz db query`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCruz } from './dev-server.js';
import { useDevServerAndBrowser } from './e2e-session.js';

const e2e = useDevServerAndBrowser([]);

test('registering Jane prints the welcome line in the cruz dev terminal and records a COMPLETED job', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.server.url}/auth/register`);
  await page.screenshot({ path: path.join(e2e.shots, 'register.png') });
  await page.fill('input[name=name]', 'Jane');
  await page.fill('input[name=email]', 'jane@example.com');
  await page.fill('input[name=password]', 'correct horse battery');
  await Promise.all([page.waitForURL(`${e2e.server.url}/todos`), page.click('button[type=submit]')]);
  assert.match(await page.textContent('body'), /Signed in as Jane/);
  await page.screenshot({ path: path.join(e2e.shots, 'todos.png') });

  await e2e.server.waitForOutput('Welcome email sent to Jane <jane@example.com>');

  const query = 'SELECT id, type, status, summary FROM Job ORDER BY createdAt DESC LIMIT 5';
  const result = await runCruz(['db', 'query', query, '--persist-to', e2e.server.stateDir]);
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.trimEnd().split('\n');
  assert.deepEqual(lines[0].split('|').map((c) => c.trim()), ['id', 'type', 'status', 'summary']);
  assert.match(lines[1], /^-+(\|-+){3}$/);
  const row = lines[2].split('|').map((c) => c.trim());
  assert.match(row[0], /^[a-z0-9]{24}$/);
  assert.deepEqual(row.slice(1), ['todos/welcome-email', 'COMPLETED', '{"recipient":"jane@example.com"}']);
  // The columns line up: every separator of the row sits under the header's.
  const bars = (line) => [...line].flatMap((c, i) => (c === '|' ? [i] : []));
  assert.deepEqual(bars(lines[2]), bars(lines[0]));
});

test('a duplicate registration shows the error beside the email field, in the browser', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.server.url}/auth/register`);
  await page.fill('input[name=email]', 'jane@example.com');
  await page.fill('input[name=password]', 'another password');
  await page.click('button[type=submit]');
  await page.waitForSelector('#email-error');
  assert.equal(await page.textContent('#email-error'), 'An account with this email already exists.');
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
  await page.screenshot({ path: path.join(e2e.shots, 'register-duplicate.png') });
});
