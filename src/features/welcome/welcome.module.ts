import { Module } from '@cruzjs/core/di';
import { JOB_HANDLER } from '@cruzjs/core/jobs';
import { UserRegisteredEvent } from '@cruzjs/core/auth/events';
import { WelcomeEmailHandler } from './welcome-email.handler';
import { WelcomeEmailListener } from './welcome-email.listener';

@Module({
  providers: [WelcomeEmailHandler, WelcomeEmailListener],
  events: [
    {
      event: UserRegisteredEvent,
      useClass: WelcomeEmailListener,
      method: 'handle',
    },
  ],
  jobHandlers: [
    { provide: JOB_HANDLER, useClass: WelcomeEmailHandler, multi: true },
  ],
})
export class WelcomeModule {}
