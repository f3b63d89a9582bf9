import { injectable, inject } from 'inversify';
import { JobHandler, JobResult, JOB_HANDLER } from '@cruzjs/core/jobs';

export const WELCOME_EMAIL_JOB = 'todos/welcome-email';

export type WelcomeEmailPayload = {
  userId: string;
  email: string;
  name: string | null;
};

@injectable()
export class WelcomeEmailHandler implements JobHandler {
  metadata = {
    type: WELCOME_EMAIL_JOB,
    description: 'Send welcome email to new user',
  };

  async run(job: { payload: WelcomeEmailPayload }): Promise<JobResult> {
    const { email, name } = job.payload;

    // In production, you would call your email service here:
    // await this.emailService.send({
    //   to: email,
    //   template: 'welcome',
    //   data: { name },
    // });
    //
    // For this tutorial, we log to the console to prove the job ran.
    console.log(`Welcome email sent to ${name ?? email} <${email}>`);

    return { success: true, summary: { recipient: email } };
  }
}
