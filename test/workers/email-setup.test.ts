// Configuration from the worker's env (console by default, clear errors naming the variable at the first
// send) and templates (the built-in welcome, the app's own, HTML escaping by construction).
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { Inject, Injectable, Module } from '@cruzjs/core/di';
import { EMAIL_TEMPLATE, EmailService, html, rawHtml, type EmailTemplate } from '@cruzjs/core/email';
import { JOB_HANDLER, type JobHandler, type JobResult } from '@cruzjs/core/jobs';
import { StartModule } from '@cruzjs/start';
import type { Constructor } from '@cruzjs/core/di';
import { createTestApp, uniqueEmail } from './support/test-app';

type Sent = { url: string; body: any };
function interceptFetch() {
  const sent: Sent[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    sent.push({ url: request.url, body: JSON.parse(await request.text()) });
    return Response.json({ id: 'ok' });
  });
  return sent;
}

/** wrangler.toml's [vars] set EMAIL_PROVIDER and EMAIL_FROM; `undefined` here means "not configured at all". */
const NOTHING_CONFIGURED = { EMAIL_PROVIDER: undefined, EMAIL_FROM: undefined, EMAIL_API_KEY: undefined };
const RESEND = { EMAIL_PROVIDER: 'resend', EMAIL_API_KEY: 're_test', EMAIL_FROM: 'My Todos <hello@example.com>' };

function emailService(envOverrides: Record<string, unknown>, modules: Constructor[] = []) {
  return createTestApp(modules, { envOverrides }).runtime.resolve(EmailService);
}

let log: MockInstance<typeof console.log>;
let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('configuration', () => {
  it('uses the console transport when nothing is configured: one line per email, no request, a warning once', async () => {
    const sent = interceptFetch();
    const email = emailService(NOTHING_CONFIGURED);
    const result = await email.send({ to: 'Jane <jane@example.com>', subject: 'Welcome to My Todos!', template: 'welcome', data: { name: 'Jane' } });
    await email.send({ to: 'joe@example.com', subject: 'Second', text: 'x' });
    expect(sent).toHaveLength(0);
    expect(result).toEqual({ provider: 'console' });
    expect(log.mock.calls.map(([line]) => line)).toEqual([
      '[email] not sent (console): "Welcome to My Todos!" to Jane <jane@example.com> from CruzJS dev mailbox <dev@mailbox.invalid>',
      '[email] not sent (console): "Second" to joe@example.com from CruzJS dev mailbox <dev@mailbox.invalid>',
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/EMAIL_PROVIDER is "console": emails are printed here, not delivered/);
  });

  it('uses EMAIL_FROM as the default sender, and reads the provider name case-insensitively', async () => {
    const sent = interceptFetch();
    await emailService({ ...RESEND, EMAIL_PROVIDER: ' Resend ' }).send({ to: 'jane@example.com', subject: 'Hi', text: 'x' });
    expect(sent[0]).toMatchObject({ url: 'https://api.resend.com/emails', body: { from: 'My Todos <hello@example.com>' } });
  });

  const misconfigured: [string, Record<string, unknown>, RegExp][] = [
    ['an unknown provider', { ...RESEND, EMAIL_PROVIDER: 'mailgun' }, /^EMAIL_PROVIDER must be one of resend, postmark, sendgrid, console; it is "mailgun"\.$/],
    ['a provider without EMAIL_API_KEY', { ...RESEND, EMAIL_API_KEY: undefined }, /EMAIL_PROVIDER is "resend" but EMAIL_API_KEY is not set: run `wrangler secret put EMAIL_API_KEY` \(for local development, put it in \.dev\.vars\)/],
    ['a blank EMAIL_API_KEY', { ...RESEND, EMAIL_PROVIDER: 'sendgrid', EMAIL_API_KEY: '  ' }, /EMAIL_PROVIDER is "sendgrid" but EMAIL_API_KEY is not set/],
    ['a provider without EMAIL_FROM', { ...RESEND, EMAIL_PROVIDER: 'postmark', EMAIL_FROM: undefined }, /EMAIL_PROVIDER is "postmark" but EMAIL_FROM is not set: add EMAIL_FROM = /],
    ['an EMAIL_FROM that is not an address', { ...RESEND, EMAIL_FROM: 'My Todos' }, /^EMAIL_FROM is not a usable sender address: /],
  ];
  for (const [label, config, message] of misconfigured) {
    it(`names the variable to fix at the first send: ${label}`, async () => {
      const sent = interceptFetch();
      const email = emailService(config); // building the app does not throw
      await expect(email.send({ to: 'jane@example.com', subject: 'Hi', text: 'x' })).rejects.toMatchObject({ name: 'EmailConfigError', message: expect.stringMatching(message) });
      expect(sent).toHaveLength(0);
    });
  }

  it('needs no EMAIL_FROM when the send gives its own sender', async () => {
    const sent = interceptFetch();
    await emailService({ ...RESEND, EMAIL_FROM: undefined }).send({ to: 'jane@example.com', from: 'Support <support@example.com>', subject: 'Hi', text: 'x' });
    expect(sent[0].body.from).toBe('Support <support@example.com>');
  });

  it('a misconfiguration never breaks registration; the welcome job is DEAD at once with the message', async () => {
    const { WelcomeModule } = await import('../../src/features/welcome');
    const app = createTestApp([StartModule, WelcomeModule], { envOverrides: { ...RESEND, EMAIL_API_KEY: undefined } });
    const address = uniqueEmail('jane');
    const response = await app.postJson('/auth/register', { email: address, password: 'password123', name: 'Jane' });
    expect(response.status).toBe(201);
    const job = await env.DB.prepare("SELECT status, attempts, lastError FROM Job WHERE json_extract(payload, '$.email') = ?").bind(address).first<Record<string, any>>();
    expect(job).toMatchObject({ status: 'DEAD', attempts: 1 });
    expect(job!.lastError).toMatch(/^EmailConfigError: EMAIL_PROVIDER is "resend" but EMAIL_API_KEY is not set/);
    expect(log).not.toHaveBeenCalledWith(`Welcome email sent to Jane <${address}>`);
  });
});

describe('templates', () => {
  it('the built-in welcome gives a default subject when none is passed', async () => {
    const sent = interceptFetch();
    const email = emailService(RESEND);
    await email.send({ to: 'jane@example.com', template: 'welcome', data: { name: 'Jane' } });
    await email.send({ to: 'jane@example.com', template: 'welcome', data: { name: 'Jane', appName: 'My Todos' } });
    await email.send({ to: 'jane@example.com', subject: 'Welcome to My Todos!', template: 'welcome', data: { name: 'Jane' } });
    expect(sent.map((r) => r.body.subject)).toEqual(['Welcome!', 'Welcome to My Todos!', 'Welcome to My Todos!']);
    expect(sent[2].body.text).toBe('Welcome!\n\nHi Jane,\n\nThanks for signing up. Your account is ready.');
  });

  it('greets "there" when the name is missing or blank', async () => {
    const sent = interceptFetch();
    const email = emailService(RESEND);
    await email.send({ to: 'jane@example.com', template: 'welcome' });
    await email.send({ to: 'jane@example.com', template: 'welcome', data: { name: '  ' } });
    for (const { body } of sent) expect(body.html).toContain('<p>Hi there,</p>');
  });

  const passwordReset: EmailTemplate<{ name: string; link: string }> = {
    name: 'password-reset',
    subject: () => 'Reset your password',
    html: ({ name, link }) => html`<p>Hi ${name}, <a href="${link}">reset your password</a>.</p>`,
    text: ({ name, link }) => `Hi ${name}, reset your password: ${link}`,
  };
  const myWelcome: EmailTemplate<{ name?: string }> = {
    name: 'welcome',
    subject: () => 'Hello from the app',
    html: ({ name }) => html`<h1>Our own welcome, ${name}</h1>`,
    text: ({ name }) => `Our own welcome, ${name}`,
  };
  @Module({ providers: [{ provide: EMAIL_TEMPLATE, useValue: passwordReset, multi: true }, { provide: EMAIL_TEMPLATE, useValue: myWelcome, multi: true }] })
  class AppTemplatesModule {}

  it('renders an app\'s own template, registered in a module under EMAIL_TEMPLATE, with its data escaped', async () => {
    const sent = interceptFetch();
    await emailService(RESEND, [AppTemplatesModule]).send({ to: 'jane@example.com', template: 'password-reset', data: { name: '<Jane>', link: 'https://app.example/reset?t=1&u="x"' } });
    expect(sent[0].body).toMatchObject({
      subject: 'Reset your password',
      html: '<p>Hi &lt;Jane&gt;, <a href="https://app.example/reset?t=1&amp;u=&quot;x&quot;">reset your password</a>.</p>',
      text: 'Hi <Jane>, reset your password: https://app.example/reset?t=1&u="x"',
    });
  });

  it('lets an app replace the built-in welcome by registering a template of that name', async () => {
    const sent = interceptFetch();
    await emailService(RESEND, [AppTemplatesModule]).send({ to: 'jane@example.com', template: 'welcome', data: { name: 'Jane' } });
    expect(sent[0].body).toMatchObject({ subject: 'Hello from the app', html: '<h1>Our own welcome, Jane</h1>' });
  });

  it('refuses two modules registering the same template name, naming it, when EmailService is first needed', () => {
    @Module({ providers: [{ provide: EMAIL_TEMPLATE, useValue: passwordReset, multi: true }] })
    class AgainModule {}
    expect(() => emailService(RESEND, [AppTemplatesModule, AgainModule])).toThrow('Two email templates are registered under the name "password-reset"');
  });

  it('names the known templates when asked for an unknown one', async () => {
    const sent = interceptFetch();
    await expect(emailService(RESEND, [AppTemplatesModule]).send({ to: 'jane@example.com', template: 'welcom' })).rejects.toMatchObject({
      name: 'InvalidEmailError',
      message: 'There is no email template named "welcom". Templates: welcome, password-reset.',
    });
    expect(sent).toHaveLength(0);
  });

  it('refuses a template whose HTML is a plain string (its data would not be escaped), or that throws', async () => {
    const unsafe = { name: 'unsafe', html: (d: { name: string }) => `<p>${d.name}</p>`, text: () => 'x' } as unknown as EmailTemplate;
    const broken: EmailTemplate = { name: 'broken', subject: () => 's', html: (d) => html`${d.user.name}`, text: () => 'x' };
    @Module({ providers: [{ provide: EMAIL_TEMPLATE, useValue: unsafe, multi: true }, { provide: EMAIL_TEMPLATE, useValue: broken, multi: true }] })
    class BadTemplatesModule {}
    const email = emailService(RESEND, [BadTemplatesModule]);
    await expect(email.send({ to: 'jane@example.com', subject: 'x', template: 'unsafe', data: { name: '<b>' } })).rejects.toThrow(/must build its HTML with the html`...` tag/);
    await expect(email.send({ to: 'jane@example.com', template: 'broken' })).rejects.toMatchObject({ name: 'InvalidEmailError', message: expect.stringMatching(/^Email template "broken" failed to render: /) });
  });

  it('sends given html/text without a template, and refuses an email with no content or no subject', async () => {
    const sent = interceptFetch();
    const email = emailService(RESEND);
    await email.send({ to: 'jane@example.com', subject: 'Raw', html: '<b>mine</b>' });
    expect(sent[0].body).toEqual({ from: 'My Todos <hello@example.com>', to: ['jane@example.com'], subject: 'Raw', html: '<b>mine</b>' });
    await expect(email.send({ to: 'jane@example.com', subject: 'Empty' })).rejects.toThrow('The email has no content: name a template, or give html or text.');
    await expect(email.send({ to: 'jane@example.com', text: 'x' })).rejects.toThrow('The email has no subject.');
    await expect(email.send({ to: [], subject: 'x', text: 'x' })).rejects.toThrow(/recipient is empty/);
  });

  it('html`` escapes every value, keeps nested html`` and rawHtml, and skips null, undefined and false', () => {
    const items = ['<a>', 'b&c'];
    const result = html`<ul>${items.map((i) => html`<li title="${i}">${i}</li>`)}</ul>${null}${undefined}${false}${0}${rawHtml('<hr>')}${"'"}`;
    expect(result.value).toBe('<ul><li title="&lt;a&gt;">&lt;a&gt;</li><li title="b&amp;c">b&amp;c</li></ul>0<hr>&#39;');
  });
});

describe('a handler that sends in a job', () => {
  it('injects EmailService without importing any email module', async () => {
    @Injectable()
    class NeedsEmail implements JobHandler {
      metadata = { type: 'email-test/inject', description: 'resolves EmailService' };
      constructor(@Inject(EmailService) readonly email: EmailService) {}
      async run(): Promise<JobResult> {
        return { success: this.email instanceof EmailService };
      }
    }
    @Module({ providers: [NeedsEmail], jobHandlers: [{ provide: JOB_HANDLER, useClass: NeedsEmail, multi: true }] })
    class NeedsEmailModule {}
    const app = createTestApp([NeedsEmailModule]);
    const job = await app.runtime.jobService.createJob({ type: 'email-test/inject', payload: {} });
    await app.runtime.background.settled();
    expect((await env.DB.prepare('SELECT status FROM Job WHERE id = ?').bind(job.id).first())!.status).toBe('COMPLETED');
  });
});
