import { count, inArray } from 'drizzle-orm';
import type { CruzEnv, CruzRuntime } from '@cruzjs/core';
import { jobs, JOB_STATUSES } from '@cruzjs/core/jobs';
import type { D1Counter } from './counting-d1';

type Control = { env: CruzEnv; ctx: ExecutionContext; counter: D1Counter; runtime: CruzRuntime };

/**
 * The benchmark's control routes. They use the raw D1 binding (not counted) except where they run
 * the system's own code (createJobs, the claim, the sweeper), which goes through the counted one.
 */
export async function benchControl(request: Request, url: URL, { env, ctx, counter, runtime }: Control): Promise<Response> {
  const body = request.method === 'POST' ? ((await request.json().catch(() => ({}))) as Record<string, any>) : {};
  const within = <T>(fn: () => Promise<T>) => runtime.background.runWithin((p) => ctx.waitUntil(p), fn);

  switch (`${request.method} ${url.pathname}`) {
    case 'GET /__bench/ping':
      return Response.json({ ok: true, jobsMode: runtime.jobsMode });

    case 'GET /__bench/d1':
      return Response.json(counter.snapshot());

    case 'POST /__bench/d1/reset':
      counter.reset();
      counter.record = Boolean(body.record);
      return Response.json({ ok: true });

    // Raw SQL on the uncounted binding, one D1 batch: migrations, data generation, EXPLAIN QUERY PLAN.
    case 'POST /__bench/sql': {
      const statements = (body.statements as { sql: string; params?: unknown[] }[]).map((s) => env.DB.prepare(s.sql).bind(...(s.params ?? [])));
      const started = performance.now();
      const results = await env.DB.batch(statements);
      const ms = performance.now() - started;
      return Response.json({ ms, results: results.map((r) => ({ results: body.keepRows === false ? undefined : r.results, meta: r.meta })) });
    }

    // One statement run `times` times on the uncounted binding, each run timed: the Job table scale figures.
    case 'POST /__bench/replay': {
      const ms: number[] = [];
      let last: D1Result | undefined;
      for (let i = 0; i < Number(body.times ?? 1); i++) {
        const started = performance.now();
        last = await env.DB.prepare(body.sql).bind(...(body.params ?? [])).all();
        ms.push(performance.now() - started);
      }
      return Response.json({ ms, rows: last?.results.length, meta: last?.meta });
    }

    // Progress of a throughput run, on the uncounted binding.
    case 'GET /__bench/jobs': {
      const { results } = await env.DB.prepare('SELECT status, COUNT(*) AS n FROM Job GROUP BY status').all<{ status: string; n: number }>();
      const span = await env.DB.prepare('SELECT MIN(createdAt) AS firstCreated, MAX(completedAt) AS lastCompleted FROM Job').first();
      return Response.json({ byStatus: Object.fromEntries(results.map((r) => [r.status, r.n])), ...span });
    }

    // createJobs as an app would call it: `chunk` jobs per call, one call after the other.
    case 'POST /__bench/jobs/create': {
      const total = Number(body.count);
      const chunk = Number(body.chunk ?? 100);
      const startedAt = Date.now();
      await within(async () => {
        for (let i = 0; i < total; i += chunk) {
          const n = Math.min(chunk, total - i);
          await runtime.jobService.createJobs(Array.from({ length: n }, (_, k) => ({ type: body.type, payload: { n: i + k } })));
        }
      });
      return Response.json({ startedAt, endedAt: Date.now() });
    }

    // The system's claim, on the given ids, timed one by one.
    case 'POST /__bench/claim': {
      const ms: number[] = [];
      let claimed = 0;
      for (const id of body.ids as string[]) {
        const started = performance.now();
        const [row] = await runtime.jobStore.claim([id], new Date(), 15 * 60 * 1000);
        ms.push(performance.now() - started);
        if (row) claimed++;
      }
      return Response.json({ ms, claimed });
    }

    // One sweep by the system's sweeper, every statement it ran recorded.
    case 'POST /__bench/sweep': {
      counter.reset();
      counter.record = true;
      const started = performance.now();
      const report = await within(() => runtime.jobSweeper.sweep());
      const ms = performance.now() - started;
      counter.record = false;
      return Response.json({ ms, report, d1: counter.snapshot() });
    }

    // A per-status count written the way the DESIGN asks (COUNT(*) ... GROUP BY in SQL), through drizzle;
    // `unfinishedOnly` counts every status but COMPLETED (IN on the index's first column).
    case 'POST /__bench/count-by-status': {
      counter.reset();
      counter.record = true;
      const started = performance.now();
      const query = runtime.db.select({ status: jobs.status, n: count() }).from(jobs);
      const rows = await (body.unfinishedOnly ? query.where(inArray(jobs.status, JOB_STATUSES.filter((status) => status !== 'COMPLETED'))) : query).groupBy(jobs.status).all();
      const ms = performance.now() - started;
      counter.record = false;
      return Response.json({ ms, rows, d1: counter.snapshot() });
    }
  }
  return new Response(`No bench route ${request.method} ${url.pathname}`, { status: 404 });
}
