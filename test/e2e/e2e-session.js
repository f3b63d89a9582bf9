// One real `cruz dev` and one browser per test file, started before its tests and stopped after.
import { after, before } from 'node:test';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser } from './browser.js';
import { repoRoot, startDevServer } from './dev-server.js';

/** Registers the hooks; the returned object's `server` and `browser` are set once `before` ran. */
export function useDevServerAndBrowser(screenshotFolder) {
  const session = { server: undefined, browser: undefined, shots: path.join(repoRoot, 'test-results', 'e2e', ...screenshotFolder) };
  before(async () => {
    await mkdir(session.shots, { recursive: true });
    session.server = await startDevServer();
    session.browser = await launchBrowser();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}
