declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    JOBS: Queue<{ jobId: string }>;
    CRUZ_JOBS_MODE: string;
    AUTH_SECRET: string;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
