import fs from 'node:fs';
import path from 'node:path';

/** The app's migrations (drizzle-kit's flat *.sql files), as single statements in order. */
export function readMigrationStatements(migrationsDir) {
  const files = fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort();
  if (files.length === 0) throw new Error(`No migrations in ${migrationsDir}: the benchmark would run on an empty database.`);
  return files.flatMap((file) =>
    fs
      .readFileSync(path.join(migrationsDir, file), 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}
