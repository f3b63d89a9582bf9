/** Injection token for the worker's env (bindings, vars and secrets). */
export const CLOUDFLARE_ENV = Symbol.for('cruzjs.CloudflareEnv');

/** The bindings and vars CruzJS itself reads. */
export type CruzEnv = {
  DB: D1Database;
  JOBS?: Queue<{ jobId: string }>;
  /** "inline" runs jobs in-process (cruz dev); "queue" sends them to JOBS (production). */
  CRUZ_JOBS_MODE?: string;
};

export type JobsMode = 'inline' | 'queue';

export function readJobsMode(env: CruzEnv): JobsMode {
  const mode = env.CRUZ_JOBS_MODE ?? (env.JOBS ? 'queue' : 'inline');
  if (mode !== 'inline' && mode !== 'queue') {
    throw new Error(`CRUZ_JOBS_MODE must be "inline" or "queue", got "${mode}".`);
  }
  if (mode === 'queue' && !env.JOBS) {
    throw new Error('CRUZ_JOBS_MODE is "queue" but the worker has no JOBS queue binding: add [[queues.producers]] binding = "JOBS" to wrangler.toml.');
  }
  return mode;
}
