// Configuration (b), the baseline: WelcomeModule removed. Registration emits its event to no listener.
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { benchWorker } from './bench-worker';

export default benchWorker([StartModule, TodosModule]).handler;
