// emailAddressProblem (exported by @cruzjs/core/email) is the rule set the transports apply: an address
// it passes is one EmailService sends to, and one it refuses is refused by send() before any request.
// Registration and invitations validate with it, so what they accept can always be emailed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmailService, emailAddressProblem } from '@cruzjs/core/email';
import { createTestApp } from './support/test-app';

afterEach(() => vi.restoreAllMocks());

const accepted = [
  'jane@example.com',
  'jane.doe+todos@mail.example.co.uk',
  "o'brien!#$%&*/=?^_`{|}~-@example.com",
  `${'a'.repeat(64)}@example.com`,
  `jane@${'l'.repeat(63)}.example.com`,
  'jane@bücher.example',
  'joe@例え.テスト',
];

const refused: [string, string][] = [
  ['jane', 'not-an-address'],
  ['@example.com', 'not-an-address'],
  ['jane@', 'not-an-address'],
  ['ja\u0001ne@example.com', 'control-character'],
  ['jane@exam\u007fple.com', 'control-character'],
  ['jane\n@example.com', 'control-character'],
  ['zoë@example.com', 'local-part-non-ascii'],
  ['ja\u200bne@example.com', 'local-part-non-ascii'],
  ['ja\u00adne@example.com', 'local-part-non-ascii'],
  ['"jane"@example.com', 'local-part-characters'],
  ['jane doe@example.com', 'local-part-characters'],
  ['jane..doe@example.com', 'local-part-dots'],
  ['.jane@example.com', 'local-part-dots'],
  ['jane.@example.com', 'local-part-dots'],
  [`${'a'.repeat(65)}@example.com`, 'local-part-too-long'],
  [`jane@${'l'.repeat(64)}.example.com`, 'domain-label-too-long'],
  ['jane@exa\u200bmple.com', 'domain'],
  ['jane@localhost', 'domain'],
  ['jane@127.0.0.1', 'domain'],
  ['jane@example.com.', 'domain'],
  [`jane-0123@${Array(4).fill('ü'.repeat(55)).join('.')}.de`, 'too-long'],
];

function resendService() {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json({ id: 're-1' }));
  const app = createTestApp([], { envOverrides: { EMAIL_PROVIDER: 'resend', EMAIL_API_KEY: 're_test', EMAIL_FROM: 'My Todos <hello@example.com>' } });
  return app.runtime.resolve(EmailService);
}

describe('emailAddressProblem', () => {
  for (const address of accepted) {
    it(`passes ${JSON.stringify(address.length > 40 ? address.slice(0, 30) + '…' : address)}, and EmailService sends to it`, async () => {
      expect(emailAddressProblem(address)).toBeNull();
      await expect(resendService().send({ to: address, subject: 'Hi', text: 'x' })).resolves.toMatchObject({ provider: 'Resend' });
    });
  }

  for (const [address, code] of refused) {
    it(`refuses ${JSON.stringify(address.length > 40 ? address.slice(0, 30) + '…' : address)} (${code}), and so does EmailService`, async () => {
      expect(emailAddressProblem(address)).toEqual({ code, message: expect.stringContaining(`"${address}" `) });
      await expect(resendService().send({ to: { email: address }, subject: 'Hi', text: 'x' })).rejects.toMatchObject({ name: 'InvalidEmailError' });
      expect(fetch).not.toHaveBeenCalled();
    });
  }
});
