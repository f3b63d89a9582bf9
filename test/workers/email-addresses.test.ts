// Addresses, display names and header fields: what reaches each provider is encoded so that a name can
// never add a header or a recipient, data is escaped in the HTML part, and an address a provider cannot
// take is refused before any request is made.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Inject, Injectable, Module } from '@cruzjs/core/di';
import { EmailService, type SendEmailInput } from '@cruzjs/core/email';
import { JOB_HANDLER, type Job, type JobHandler, type JobResult } from '@cruzjs/core/jobs';
import { createTestApp } from './support/test-app';

type Sent = { url: string; headers: Record<string, string>; body: any };
function interceptFetch() {
  const sent: Sent[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    sent.push({ url: request.url, headers: Object.fromEntries(request.headers), body: JSON.parse(await request.text()) });
    return request.url.includes('sendgrid') ? new Response(null, { status: 202 }) : Response.json({ id: 'ok', MessageID: 'ok' });
  });
  return sent;
}

const CONFIG = {
  resend: { EMAIL_PROVIDER: 'resend', EMAIL_API_KEY: 're_test' },
  postmark: { EMAIL_PROVIDER: 'postmark', EMAIL_API_KEY: 'pm-token' },
  sendgrid: { EMAIL_PROVIDER: 'sendgrid', EMAIL_API_KEY: 'SG.key' },
} as const;
type Provider = keyof typeof CONFIG;

function emailServiceFor(provider: Provider) {
  const app = createTestApp([], { envOverrides: { EMAIL_FROM: 'My Todos <hello@example.com>', ...CONFIG[provider] } });
  return app.runtime.resolve(EmailService);
}

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('display names arrive encoded for each provider, and data is escaped in the HTML part', () => {
  // [name, as an RFC 5322 display name (Resend, Postmark), as SendGrid's recipient name, the name in the HTML part]
  const names: [string, string, string, string][] = [
    ['Doe, Jane', '"Doe, Jane"', '"Doe, Jane"', 'Doe, Jane'],
    ['O\'Brien "JJ"', '"O\'Brien \\"JJ\\""', '"O\'Brien \\"JJ\\""', 'O&#39;Brien &quot;JJ&quot;'],
    ['Zoë', 'Zoë', 'Zoë', 'Zoë'],
    ['<a href="https://x.example">x</a>', '"<a href=\\"https://x.example\\">x</a>"', '"<a href=\\"https://x.example\\">x</a>"', '&lt;a href=&quot;https://x.example&quot;&gt;x&lt;/a&gt;'],
  ];
  for (const [name, quoted, sendGridName, inHtml] of names) {
    it(`${name}`, async () => {
      const sent = interceptFetch();
      const input: SendEmailInput = { to: { email: 'jane@example.com', name }, from: { email: 'team@example.com', name }, subject: 'Welcome to My Todos!', template: 'welcome', data: { name } };
      for (const provider of ['resend', 'postmark', 'sendgrid'] as const) await emailServiceFor(provider).send(input);
      const [resend, postmark, sendgrid] = sent.map((r) => r.body);

      expect(resend.to).toEqual([`${quoted} <jane@example.com>`]);
      expect(resend.from).toBe(`${quoted} <team@example.com>`);
      expect(postmark.To).toBe(`${quoted} <jane@example.com>`);
      expect(postmark.From).toBe(`${quoted} <team@example.com>`);
      expect(sendgrid.personalizations).toEqual([{ to: [{ email: 'jane@example.com', name: sendGridName }] }]);
      expect(sendgrid.from).toEqual({ email: 'team@example.com', name }); // SendGrid encodes sender names itself

      for (const htmlPart of [resend.html, postmark.HtmlBody, sendgrid.content[1].value]) {
        expect(htmlPart).toContain(`<p>Hi ${inHtml},</p>`);
        expect(htmlPart).not.toContain('<a href="https://x.example">');
      }
      expect(resend.text).toContain(`Hi ${name},`); // the text part is not HTML: the name as it is
    });
  }

  it('reads the string forms: "Name <addr>", a quoted name with a comma, and a bare address', async () => {
    const sent = interceptFetch();
    await emailServiceFor('sendgrid').send({ to: ['Jane <jane@example.com>', '"Doe, Jane" <doe@example.com>', '"O\'Brien \\"JJ\\"" <jj@example.com>', 'joe@example.com'], subject: 'Hi', text: 'x' });
    expect(sent[0].body.personalizations[0].to).toEqual([
      { email: 'jane@example.com', name: 'Jane' },
      { email: 'doe@example.com', name: '"Doe, Jane"' },
      { email: 'jj@example.com', name: '"O\'Brien \\"JJ\\""' },
      { email: 'joe@example.com' },
    ]);
  });

  it('escapes the welcome template\'s other values too, and keeps only http(s) links', async () => {
    const sent = interceptFetch();
    const email = emailServiceFor('resend');
    await email.send({ to: 'jane@example.com', template: 'welcome', data: { name: 'Jane', appName: 'Todos & <Co>', actionUrl: 'https://app.example/start?a=1&b=2' } });
    await email.send({ to: 'jane@example.com', template: 'welcome', data: { name: 'Jane', actionUrl: 'javascript:alert(1)' } });
    expect(sent[0].body.subject).toBe('Welcome to Todos & <Co>!'); // a header, not HTML
    expect(sent[0].body.html).toContain('Welcome to Todos &amp; &lt;Co&gt;!');
    expect(sent[0].body.html).toContain('href="https://app.example/start?a=1&amp;b=2"');
    expect(sent[1].body.html).not.toContain('javascript:');
  });
});

describe('header injection: CR or LF in any header field is refused before any request', () => {
  const EVIL = 'Jane\r\nBcc: victim@evil.example';
  const cases: [string, SendEmailInput][] = [
    ['a recipient name', { to: { email: 'jane@example.com', name: EVIL }, subject: 'Hi', text: 'x' }],
    ['a recipient string', { to: `jane@example.com\r\nBcc: victim@evil.example`, subject: 'Hi', text: 'x' }],
    ['a recipient address (LF only)', { to: { email: 'jane@example.com\nX-Evil: 1' }, subject: 'Hi', text: 'x' }],
    ['the subject', { to: 'jane@example.com', subject: 'Welcome\r\nBcc: victim@evil.example', text: 'x' }],
    ['a template subject', { to: 'jane@example.com', template: 'welcome', data: { appName: 'Todos\nBcc: victim@evil.example' } }],
    ['the sender', { to: 'jane@example.com', from: `${EVIL} <a@example.com>`, subject: 'Hi', text: 'x' }],
    ['the reply-to address', { to: 'jane@example.com', replyTo: { email: 'help@example.com', name: 'Help\rDesk' }, subject: 'Hi', text: 'x' }],
  ];
  for (const [label, input] of cases) {
    it(`in ${label}`, async () => {
      const sent = interceptFetch();
      for (const provider of ['resend', 'postmark', 'sendgrid'] as const) {
        await expect(emailServiceFor(provider).send(input)).rejects.toMatchObject({ name: 'InvalidEmailError', message: expect.stringMatching(/line break \(CR or LF\)/) });
      }
      expect(sent).toHaveLength(0);
    });
  }

  it('in a job: DEAD after one run, nothing sent', async () => {
    const sent = interceptFetch();
    @Injectable()
    class EvilHandler implements JobHandler {
      metadata = { type: 'email-test/evil', description: 'sends to a name with CRLF' };
      constructor(@Inject(EmailService) private readonly email: EmailService) {}
      async run(job: Job<{ name: string }>): Promise<JobResult> {
        await this.email.send({ to: { email: 'jane@example.com', name: job.payload.name }, subject: 'Hi', text: 'x' });
        return { success: true };
      }
    }
    @Module({ providers: [EvilHandler], jobHandlers: [{ provide: JOB_HANDLER, useClass: EvilHandler, multi: true }] })
    class EvilModule {}
    const app = createTestApp([EvilModule], { envOverrides: CONFIG.resend });
    const job = await app.runtime.jobService.createJob({ type: 'email-test/evil', payload: { name: EVIL } });
    await app.runtime.background.settled();
    const row = await env.DB.prepare('SELECT status, attempts, lastError FROM Job WHERE id = ?').bind(job.id).first<Record<string, any>>();
    expect(row).toMatchObject({ status: 'DEAD', attempts: 1 });
    expect(row!.lastError).toMatch(/^InvalidEmailError: The email's recipient name contains a line break/);
    expect(sent).toHaveLength(0);
  });

  it('refuses a string that holds two addresses (it would add a recipient), and an unquoted name with a comma', async () => {
    const sent = interceptFetch();
    const email = emailServiceFor('postmark');
    await expect(email.send({ to: 'jane@example.com, victim@evil.example', subject: 'Hi', text: 'x' })).rejects.toThrow(/is not one address/);
    await expect(email.send({ to: 'Doe, Jane <jane@example.com>', subject: 'Hi', text: 'x' })).rejects.toThrow(/only a quoted name may contain/);
    await expect(email.send({ to: '"Doe, Jane <jane@example.com>', subject: 'Hi', text: 'x' })).rejects.toThrow(/unbalanced quotes/);
    expect(sent).toHaveLength(0);
  });
});

describe('addresses providers can take', () => {
  it('sends internationalized domains in their ASCII (punycode) form, lower-cased', async () => {
    const sent = interceptFetch();
    await emailServiceFor('resend').send({ to: ['jane@bücher.example', 'Zoë <zoe@MÜNCHEN.example>', 'joe@例え.テスト'], subject: 'Hi', text: 'x' });
    expect(sent[0].body.to).toEqual(['jane@xn--bcher-kva.example', 'Zoë <zoe@xn--mnchen-3ya.example>', 'joe@xn--r8jz45g.xn--zckzah']);
  });

  const refused: [string, RegExp][] = [
    ['zoë@example.com', /non-ASCII characters before the @/],
    ['jane@localhost', /full domain name/],
    ['jane@[127.0.0.1]', /only letters, digits, hyphens and dots/],
    ['jane@127.0.0.1', /looks like an IP address/],
    ['jane@exa mple.com', /is not a valid address: spaces, quotes and angle brackets/],
    ['jane@example.com/evil', /only letters, digits, hyphens and dots/],
    ['jane@-example.com', /full domain name/],
    ['"jane doe"@example.com', /is not a valid address: spaces, quotes and angle brackets/],
    ['"jane"@example.com', /is not a valid address: spaces, quotes and angle brackets/],
    ['jane..doe@example.com', /not a valid mailbox name/],
    ['jane', /is not an email address/],
    ['@example.com', /is not an email address/],
    [`${'a'.repeat(65)}@example.com`, /not a valid mailbox name/],
  ];
  for (const [address, why] of refused) {
    it(`refuses ${address.length > 40 ? address.slice(0, 20) + '…' : address} before sending, saying why`, async () => {
      const sent = interceptFetch();
      await expect(emailServiceFor('sendgrid').send({ to: address, subject: 'Hi', text: 'x' })).rejects.toMatchObject({ name: 'InvalidEmailError', message: expect.stringMatching(why) });
      expect(sent).toHaveLength(0);
    });
  }
});
