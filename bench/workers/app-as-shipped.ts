// Configuration (a): the app's module list as in src/server.cloudflare.ts, with the tutorial's
// email-sending welcome handler (the job calls the email provider). No React Router pages.
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { WelcomeModule } from '../../src/features/welcome';
import { benchWorker } from './bench-worker';

export default benchWorker([StartModule, TodosModule, WelcomeModule]).handler;
