import { applyD1Migrations, env, type D1Migration } from 'cloudflare:test';

const migrations = (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS;
// readD1Migrations reads flat *.sql files only: an empty list would silently test an empty database.
if (!migrations?.length) throw new Error('No D1 migrations were read from src/database/migrations.');
await applyD1Migrations(env.DB, migrations);
