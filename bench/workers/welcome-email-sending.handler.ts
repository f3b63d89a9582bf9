// The tutorial's "To actually send emails in production" variant of the welcome handler, as printed
// on the page: the job calls the email provider (the benchmark's fake one answers after 500 ms).
import { injectable, inject } from 'inversify';
import { JobHandler, JobResult } from '@cruzjs/core/jobs';
import { EmailService } from '@cruzjs/core/email';
import { WELCOME_EMAIL_JOB, type WelcomeEmailPayload } from '../../src/features/welcome/welcome-email.handler';

@injectable()
export class EmailSendingWelcomeHandler implements JobHandler {
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
    return { success: true, summary: { recipient: email } };
  }
}
