import { Module } from '@cruzjs/core/di';
import { WelcomeEmailHandler } from '../../src/features/welcome/welcome-email.handler';
import { EmailSendingWelcomeHandler } from './welcome-email-sending.handler';

/**
 * Listed after the app's own WelcomeModule: the `todos/welcome-email` handler becomes the tutorial's
 * email-sending one. The listener, the event and the job type stay exactly the app's.
 */
@Module({
  providers: [{ provide: WelcomeEmailHandler, useClass: EmailSendingWelcomeHandler }],
})
export class EmailSendingWelcomeModule {}
