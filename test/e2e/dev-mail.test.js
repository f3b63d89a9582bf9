// The dev mailbox, the way a new user meets it: a real `cruz dev` with no email configuration, a real
// browser registering Jane, the terminal, then /dev/mail and the email itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useDevServerAndBrowser } from './e2e-session.js';

const e2e = useDevServerAndBrowser([]);

test('registering prints the welcome line and the email is readable at /dev/mail', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.server.url}/auth/register`);
  await page.fill('input[name=name]', 'Jane');
  await page.fill('input[name=email]', 'jane@example.com');
  await page.fill('input[name=password]', 'correct horse battery');
  await Promise.all([page.waitForURL(`${e2e.server.url}/todos`), page.click('button[type=submit]')]);

  await e2e.server.waitForOutput('Welcome email sent to Jane <jane@example.com>');
  const mailLine = /\[email\] "Welcome to My Todos!" to jane@example\.com from My Todos <hello@example\.com> \(read it at (\/dev\/mail\/[0-9a-f]{8})\)/.exec(e2e.server.output());
  assert.ok(mailLine, `no [email] line in the terminal:\n${e2e.server.output()}`);
  assert.ok(e2e.server.output().indexOf(mailLine[0]) < e2e.server.output().indexOf('Welcome email sent to Jane'), 'the tutorial line follows the send');

  // The list: newest first, with recipient and subject.
  await page.goto(`${e2e.server.url}/dev/mail`);
  await page.screenshot({ path: path.join(e2e.shots, 'dev-mail-list.png') });
  const row = page.locator('tbody tr').first();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[1], 'jane@example.com');
  assert.equal(cells[2], 'Welcome to My Todos!');
  assert.equal(cells[3], 'welcome');

  // One email: its headers, its HTML rendered in the sandboxed frame, its text part.
  await Promise.all([page.waitForURL(`${e2e.server.url}${mailLine[1]}`), row.locator('a').click()]);
  const headers = Object.fromEntries(
    await page.locator('dl dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])),
  );
  assert.equal(headers.From, 'My Todos <hello@example.com>');
  assert.equal(headers.To, 'jane@example.com');
  assert.equal(headers.Subject, 'Welcome to My Todos!');
  assert.match(headers['Idempotency key'], /^job:[a-z0-9]{24}:email:1$/);
  const frame = page.frameLocator('iframe[title="HTML part"]');
  assert.equal(await frame.locator('h1').textContent(), 'Welcome!');
  assert.equal(await frame.locator('p').first().textContent(), 'Hi Jane,');
  assert.match(await page.textContent('pre'), /^Welcome!\n\nHi Jane,\n\nThanks for signing up\./);
  await page.screenshot({ path: path.join(e2e.shots, 'dev-mail-message.png'), fullPage: true });
});

test('/dev/mail/:id answers plain HTTP too, with a policy that lets no script run', async () => {
  const id = /read it at \/dev\/mail\/([0-9a-f]{8})/.exec(e2e.server.output())[1];
  const response = await fetch(`${e2e.server.url}/dev/mail/${id}`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(response.headers.get('content-security-policy'), /default-src 'none'/);
  assert.match(await response.text(), /&lt;p&gt;Hi Jane,&lt;\/p&gt;/);
  assert.equal((await fetch(`${e2e.server.url}/dev/mail/00000000`)).status, 404);
});
