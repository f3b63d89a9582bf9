/**
 * SQL that fills the Job table for the scale benchmark, inside D1 itself (recursive CTEs, one
 * INSERT ... SELECT per chunk). A fixed set of 1,900 unfinished jobs, so the sweeper's and the
 * claim's result sets are the same at every table size, and the rest COMPLETED, completed evenly
 * over the last 150 days in the order they were inserted, as a real table fills (about 95% of them
 * older than the 7-day retention, i.e. prunable). Ids are random, like cuid2's.
 */
export const UNFINISHED_MIX = [
  { count: 600, status: 'PENDING', what: 'due (older than the 60 s grace)', runAt: -600_000, attempts: 0 },
  { count: 200, status: 'PENDING', what: 'not due (runAt in 1 h)', runAt: 3_600_000, attempts: 0 },
  { count: 600, status: 'FAILED', what: 'retry due', runAt: -600_000, attempts: 1 },
  { count: 200, status: 'FAILED', what: 'retry not due', runAt: 3_600_000, attempts: 1 },
  { count: 100, status: 'DEAD', what: 'no runs left', runAt: -86_400_000, attempts: 4 },
  { count: 80, status: 'PROCESSING', what: 'lease expired', runAt: -1_800_000, attempts: 1, lease: -900_000 },
  { count: 20, status: 'PROCESSING', what: 'lease expired in the last allowed run', runAt: -1_800_000, attempts: 4, lease: -900_000 },
  { count: 100, status: 'PROCESSING', what: 'lease held', runAt: -60_000, attempts: 1, lease: 600_000 },
];

export const UNFINISHED_TOTAL = UNFINISHED_MIX.reduce((n, m) => n + m.count, 0);

const COLUMNS = 'id, type, payload, status, attempts, maxAttempts, summary, lastError, runAt, leaseExpiresAt, dedupeKey, createdAt, updatedAt, startedAt, completedAt';
const SPAN_MS = 150 * 24 * 60 * 60 * 1000;

/**
 * COMPLETED rows `from`..`from + count - 1` of `total`, as a statement for /__bench/sql. With
 * `timeOrderedIds` the ids start with the completion time in hex (the what-if of the prune fix).
 */
export function completedRowsStatement(from, count, total, now, { timeOrderedIds = false } = {}) {
  const id = timeOrderedIds ? "printf('%012x', at) || lower(hex(randomblob(6)))" : 'lower(hex(randomblob(12)))';
  return {
    sql: `WITH RECURSIVE seq(n) AS (SELECT ?1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?2),
      t(n, at) AS (SELECT n, ?3 - ?4 + (n * ?4) / ?5 - (abs(random()) % 1000) FROM seq)
      INSERT INTO Job (${COLUMNS})
      SELECT ${id}, 'todos/welcome-email',
        printf('{"userId":"%s","email":"user%d@example.com","name":"User %d"}', lower(hex(randomblob(12))), n, n),
        'COMPLETED', 1, 4, printf('{"recipient":"user%d@example.com"}', n), NULL,
        at - 2000, NULL, NULL, at - 2000, at, at - 1000, at
      FROM t`,
    params: [from, from + count - 1, now, SPAN_MS, total],
  };
}

/** The fixed unfinished mix, as statements for /__bench/sql. */
export function unfinishedRowsStatements(now) {
  return UNFINISHED_MIX.map((mix, i) => ({
    sql: `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?1)
      INSERT INTO Job (${COLUMNS})
      SELECT lower(hex(randomblob(12))), 'todos/welcome-email',
        printf('{"userId":"%s","email":"open${i}-%d@example.com","name":"Open %d"}', lower(hex(randomblob(12))), n, n),
        ?2, ?3, 4, NULL, CASE WHEN ?3 > 0 THEN 'Resend is unavailable (HTTP 503)' END,
        ?4, ?5, NULL, ?4 - 60000, ?4, CASE WHEN ?2 = 'PROCESSING' THEN ?4 END, CASE WHEN ?2 = 'DEAD' THEN ?4 END
      FROM seq`,
    params: [mix.count, mix.status, mix.attempts, now + mix.runAt, mix.lease === undefined ? null : now + mix.lease],
  }));
}
