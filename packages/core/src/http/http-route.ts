import type { Constructor } from '../di/module.decorator';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a controller action receives besides the request. */
export type RequestContext = {
  env: Record<string, unknown>;
  ctx: ExecutionContext;
  url: URL;
  params: Record<string, string>;
};

/** "Serve `method path` with `controller[action](request, context)`"; `:name` segments become params. */
export type HttpRoute = {
  method: HttpMethod;
  path: string;
  controller: Constructor;
  action: string;
};

export type RouteAction = (request: Request, context: RequestContext) => Promise<Response> | Response;
