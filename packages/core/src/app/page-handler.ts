import { createRequestHandler, type ServerBuild } from 'react-router';
import type { CruzEnv } from './cloudflare-env';
import type { CruzRuntime } from './cruz-runtime';

export type ServerBuildLoader = () => Promise<unknown>;

/** What React Router loaders and actions receive as `context`. */
export type CruzLoadContext = {
  cloudflare: { env: CruzEnv; ctx: ExecutionContext };
  /** Resolves a service from the app's container, e.g. `context.cruz.resolve(TodosService)`. */
  cruz: { resolve: CruzRuntime['resolve'] };
};

/** Serves the app's React Router pages; the build is (re)loaded through `load`, so dev edits show up. */
export function createPageHandler(load: ServerBuildLoader) {
  const handler = createRequestHandler(() => load() as Promise<ServerBuild>, import.meta.env?.MODE);
  return (request: Request, { env, ctx, runtime }: { env: CruzEnv; ctx: ExecutionContext; runtime: CruzRuntime }) => {
    const context: CruzLoadContext = { cloudflare: { env, ctx }, cruz: { resolve: (id) => runtime.resolve(id) } };
    return handler(request, context as never);
  };
}
