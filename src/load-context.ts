import type { CruzLoadContext } from '@cruzjs/core';

// Loaders and actions receive CruzJS's context: `context.cruz.resolve(Service)`.
declare module 'react-router' {
  interface AppLoadContext extends CruzLoadContext {}
}
