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
      config: command === 'serve' ? { vars: { CRUZ_JOBS_MODE: 'inline', CRUZ_DEV_MAILBOX: 'on' } } : undefined,
    }),
    reactRouter(),
  ],
}));
