import { defineConfig } from 'vite';
import { cloudflare } from '@cloudflare/vite-plugin';
import { reactRouter } from '@react-router/dev/vite';

// `cruz dev` sets CRUZ_STATE_DIR to keep local D1/queue state elsewhere (tests use a temporary folder).
const stateDir = process.env.CRUZ_STATE_DIR;

export default defineConfig(({ command }) => ({
  plugins: [
    cloudflare({
      viteEnvironment: { name: 'ssr' },
      persistState: stateDir ? { path: stateDir } : true,
      // In the dev server, jobs run in-process right after their row is written, and console emails are
      // kept for /dev/mail. Neither var exists in the built worker, so production has no /dev/mail.
      // AUTH_SECRET here is a DEV-ONLY value so `cruz dev` works with zero config (invitation links are
      // derived from it): it is public, never in the build, and .dev.vars overrides it. Production sets
      // its own with `npx wrangler secret put AUTH_SECRET`; without one, inviting fails with that message.
      config:
        command === 'serve'
          ? { vars: { CRUZ_JOBS_MODE: 'inline', CRUZ_DEV_MAILBOX: 'on', AUTH_SECRET: 'cruz-dev-only-auth-secret-not-for-production' } }
          : undefined,
    }),
    reactRouter(),
  ],
}));
