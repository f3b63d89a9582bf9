export { createCruzApp, getCruzRuntime, type CruzApp, type CruzAppOptions } from './app/create-cruz-app';
export type { CruzLoadContext } from './app/page-handler';
export { CLOUDFLARE_ENV, type CruzEnv } from './app/cloudflare-env';
export type { CruzRuntime } from './app/cruz-runtime';
