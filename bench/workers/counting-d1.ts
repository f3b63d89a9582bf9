/**
 * A D1 binding that forwards everything to the real one and counts what reaches the database:
 * statements executed (one per `run`/`all`/`raw`/`first`, one per statement inside a `batch`) and
 * round trips (one per call, a whole batch being one). With `record` on it also keeps, per distinct
 * SQL text, how often it ran, its last parameters, the time around each call and D1's `rows_read`.
 */
export type StatementRecord = {
  sql: string;
  executions: number;
  lastParams: unknown[];
  /** Sum of the wall time around the calls that ran this statement alone (not inside a batch). */
  soloMs: number;
  soloCalls: number;
  /** D1's meta.rows_read of the last solo `run`/`all` (raw() returns no meta). */
  lastRowsRead: number | null;
};

export class D1Counter {
  statements = 0;
  roundTrips = 0;
  batches = 0;
  record = false;
  readonly bySql = new Map<string, StatementRecord>();

  reset(): void {
    this.statements = 0;
    this.roundTrips = 0;
    this.batches = 0;
    this.bySql.clear();
  }

  snapshot() {
    return {
      statements: this.statements,
      roundTrips: this.roundTrips,
      batches: this.batches,
      bySql: [...this.bySql.values()],
    };
  }

  noteStatement(sql: string, params: unknown[], ms: number | null, rowsRead: number | null): void {
    this.statements++;
    if (!this.record) return;
    let entry = this.bySql.get(sql);
    if (!entry) {
      entry = { sql, executions: 0, lastParams: [], soloMs: 0, soloCalls: 0, lastRowsRead: null };
      this.bySql.set(sql, entry);
    }
    entry.executions++;
    entry.lastParams = params;
    if (ms !== null) {
      entry.soloMs += ms;
      entry.soloCalls++;
    }
    if (rowsRead !== null) entry.lastRowsRead = rowsRead;
  }
}

type Bound = { real: D1PreparedStatement; sql: string; params: unknown[] };

const EXECUTORS = new Set(['run', 'all', 'raw', 'first']);

export function countingD1(real: D1Database, counter: D1Counter): D1Database {
  const bound = new WeakMap<object, Bound>();

  const wrapStatement = (state: Bound): D1PreparedStatement => {
    const wrapper = new Proxy(state.real, {
      get(target, prop) {
        if (prop === 'bind') {
          return (...params: unknown[]) => wrapStatement({ real: target.bind(...params), sql: state.sql, params });
        }
        if (typeof prop === 'string' && EXECUTORS.has(prop)) {
          return async (...args: unknown[]) => {
            counter.roundTrips++;
            const started = performance.now();
            const result = await (target as any)[prop](...args);
            const ms = performance.now() - started;
            const rowsRead = result && typeof result === 'object' && 'meta' in result ? ((result as D1Result).meta?.rows_read ?? null) : null;
            counter.noteStatement(state.sql, state.params, ms, rowsRead);
            return result;
          };
        }
        const value = (target as any)[prop];
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    bound.set(wrapper, state);
    return wrapper;
  };

  return new Proxy(real, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => wrapStatement({ real: target.prepare(sql), sql, params: [] });
      }
      if (prop === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          counter.roundTrips++;
          counter.batches++;
          const states = statements.map((s) => bound.get(s as object));
          const results = await target.batch(statements.map((s, i) => states[i]?.real ?? s));
          states.forEach((state, i) => counter.noteStatement(state?.sql ?? '(unknown)', state?.params ?? [], null, results[i]?.meta?.rows_read ?? null));
          return results;
        };
      }
      if (prop === 'exec') {
        return async (sql: string) => {
          counter.roundTrips++;
          const result = await target.exec(sql);
          for (let i = 0; i < result.count; i++) counter.noteStatement('(exec)', [], null, null);
          return result;
        };
      }
      const value = (target as any)[prop];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
