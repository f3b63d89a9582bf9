import { injectable, inject } from 'inversify';
import { JobHandler, JobResult } from '@cruzjs/core/jobs';
import { EmailService } from '@cruzjs/core/email';
import type { WelcomeEmailPayload } from './welcome-email.handler';

export const WELCOME_EMAIL_JOB = 'todos/welcome-email';

// The tutorial's email-sending handler imports WelcomeEmailPayload from this very file, so the type is
// declared under another name and exported as WelcomeEmailPayload (the listener imports it from here too).
type Payload = {
  userId: string;
  email: string;
  name: string | null;
};
export type { Payload as WelcomeEmailPayload };

@injectable()
export class WelcomeEmailHandler implements JobHandler {
  metadata = {
    type: WELCOME_EMAIL_JOB,
    description: 'Send welcome email to new user',
  };

  constructor(
    @inject(EmailService) private readonly email: EmailService,
  ) {}

  async run(job: { payload: WelcomeEmailPayload }): Promise<JobResult> {
    const { email, name } = job.payload;

    await this.email.send({
      to: email,
      subject: 'Welcome to My Todos!',
      template: 'welcome',
      data: { name: name ?? 'there' },
    });
    console.log(`Welcome email sent to ${name ?? email} <${email}>`);

    return { success: true, summary: { recipient: email } };
  }
}
