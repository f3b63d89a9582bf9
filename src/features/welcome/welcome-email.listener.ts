import { injectable, inject } from 'inversify';
import { UserRegisteredEvent } from '@cruzjs/core/auth/events';
import { JobService } from '@cruzjs/core/jobs';
import { WELCOME_EMAIL_JOB } from './welcome-email.handler';
import type { WelcomeEmailPayload } from './welcome-email.handler';

@injectable()
export class WelcomeEmailListener {
  constructor(
    @inject(JobService) private readonly jobService: JobService,
  ) {}

  async handle(event: UserRegisteredEvent): Promise<void> {
    await this.jobService.createJob<WelcomeEmailPayload>({
      type: WELCOME_EMAIL_JOB,
      payload: {
        userId: event.userId,
        email: event.email,
        name: event.name,
      },
    });
  }
}
