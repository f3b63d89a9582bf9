import type { HttpRoute } from './http-route';

export type RouteMatch = { route: HttpRoute; params: Record<string, string> };

/** Matches a request against the modules' routes: exact segments, `:param` segments, no wildcards. */
export class HttpRouter {
  private readonly compiled: { route: HttpRoute; segments: string[] }[];

  constructor(routes: HttpRoute[]) {
    const seen = new Set<string>();
    this.compiled = routes.map((route) => {
      const key = `${route.method} ${route.path}`;
      if (seen.has(key)) throw new Error(`Two modules declare the route ${key}.`);
      seen.add(key);
      return { route, segments: splitPath(route.path) };
    });
  }

  /** The match for this method and path; `allowed` lists the methods the path takes when only the method is wrong. */
  match(method: string, pathname: string): RouteMatch | { allowed: string[] } | undefined {
    const parts = splitPath(pathname);
    const allowed: string[] = [];
    for (const { route, segments } of this.compiled) {
      const params = matchSegments(segments, parts);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, params };
      allowed.push(route.method);
    }
    return allowed.length ? { allowed } : undefined;
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) {
      try {
        params[pattern[i].slice(1)] = decodeURIComponent(parts[i]);
      } catch {
        return undefined;
      }
    } else if (pattern[i] !== parts[i]) {
      return undefined;
    }
  }
  return params;
}
