import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(__dirname, 'src/database/migrations'));
  return {
    plugins: [
      // inversify publishes source maps whose sources it does not ship: loading its files without the
      // map comment spares hundreds of "points to missing source files" warnings that would hide real ones.
      {
        name: 'inversify-without-source-maps',
        enforce: 'pre' as const,
        load(id: string) {
          if (!/node_modules\/(@inversifyjs\/[^/]+|inversify)\/lib\/.*\.js$/.test(id)) return null;
          return readFileSync(id, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
        },
      },
      cloudflareTest({
        main: './src/server.cloudflare.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          // Pinned so a developer's .dev.vars (read by the pool) can never make tests send real email.
          bindings: {
            TEST_MIGRATIONS: migrations,
            EMAIL_PROVIDER: 'console',
            EMAIL_API_KEY: '',
            // Test-only: invitation links are derived from it.
            AUTH_SECRET: 'test-only-auth-secret-0123456789abcdef',
          },
        },
      }),
    ],
    resolve: {
      // Workers tests never render React Router pages; the real build exists only under vite.
      alias: { 'virtual:react-router/server-build': path.join(__dirname, 'test/workers/support/no-pages.ts') },
    },
    test: {
      include: ['test/workers/**/*.test.ts'],
      setupFiles: ['test/workers/support/apply-migrations.ts'],
    },
  };
});
