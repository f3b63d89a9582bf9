import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { createCruzApp, getCruzRuntime, type CruzApp, type CruzEnv } from '@cruzjs/core';
import type { Constructor } from '@cruzjs/core/di';
import { ManualClock, type Clock } from '@cruzjs/core/jobs';
import * as schema from '../../../src/database/schema';

export const ORIGIN = 'http://app.test';

export type TestApp = {
  app: CruzApp;
  env: CruzEnv;
  runtime: ReturnType<typeof getCruzRuntime>;
  /** Sends a request; `settled` resolves once its background work (listeners, in-process jobs) is done. */
  request(path: string, init?: RequestInit): Promise<{ response: Response; settled: Promise<void> }>;
  /** POSTs JSON and waits for the background work too. */
  postJson(path: string, body: unknown, headers?: HeadersInit): Promise<Response>;
};

/** An app with the given modules over the test D1, in its own runtime (own env object). */
export function createTestApp(
  modules: Constructor[],
  options: { clock?: Clock; jobsMode?: 'inline' | 'queue'; envOverrides?: Record<string, unknown> } = {},
): TestApp {
  const app = createCruzApp({ schema, modules, clock: options.clock });
  const testEnv = { ...env, CRUZ_JOBS_MODE: options.jobsMode ?? 'inline', ...options.envOverrides } as unknown as CruzEnv;
  const request = async (path: string, init?: RequestInit) => {
    const ctx = createExecutionContext();
    const response = await app.fetch(new Request(new URL(path, ORIGIN), init) as never, testEnv, ctx);
    return { response, settled: waitOnExecutionContext(ctx) };
  };
  return {
    app,
    env: testEnv,
    runtime: getCruzRuntime(app, testEnv),
    request,
    async postJson(path, body, headers) {
      const { response, settled } = await request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      await settled;
      return response;
    },
  };
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}@example.com`;
}

export { ManualClock };

/** A promise the test resolves when it chooses. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
