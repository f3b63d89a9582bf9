import { createCruzApp } from '@cruzjs/core';
import { StartModule } from '@cruzjs/start';
import { TodosModule } from './features/todos';
import { WelcomeModule } from './features/welcome'; // add this
import * as schema from './database/schema';

export default createCruzApp({
  schema,
  modules: [
    StartModule,
    TodosModule,
    WelcomeModule, // add this
  ],
  pages: () => import('virtual:react-router/server-build'),
});
