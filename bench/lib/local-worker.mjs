import fs from 'node:fs';
import path from 'node:path';
import { Miniflare, Log, LogLevel } from 'miniflare';
import { readMigrationStatements } from './d1-migrations.mjs';
import { makeTempDir, onTeardown } from './teardown.mjs';

/**
 * One bench worker in its own workerd (Miniflare), on 127.0.0.1 with a random port: its own fresh
 * D1 (a temporary persist folder, the app's migrations applied before the first request), the JOBS
 * queue producer and consumer configured like wrangler.toml, and outbound fetches (the email
 * provider) sent to a loopback server.
 */
export async function startLocalWorker({
  name,
  bundlePath,
  /** Instead of bundlePath: a folder of ES modules (the deploy output), the first file being the main one. */
  moduleFiles,
  settings,
  vars = {},
  database = true,
  queueConsumer = true,
  outboundAddress,
  persistDir,
  migrate = true,
  logLevel = LogLevel.WARN,
}) {
  const dir = persistDir ?? makeTempDir(name);
  const { queue } = settings;
  const mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    log: new Log(logLevel),
    // Loopback only: use Miniflare's built-in request.cf instead of downloading one.
    cf: false,
    d1Persist: path.join(dir, 'd1'),
    queuesPersist: path.join(dir, 'queues'),
    durableObjectsPersist: path.join(dir, 'do'),
    workers: [
      {
        name,
        // The bundle is one self-contained module: listed explicitly, so Miniflare does not try to
        // follow the dynamic import() inside react-router's (unused here) route loader.
        ...moduleList(bundlePath, moduleFiles),
        compatibilityDate: settings.compatibilityDate,
        compatibilityFlags: settings.compatibilityFlags,
        bindings: vars,
        ...(database && { d1Databases: { DB: `${name}-db` } }),
        queueProducers: { JOBS: { queueName: queue.name } },
        ...(queueConsumer && {
          queueConsumers: {
            [queue.name]: {
              maxBatchSize: queue.maxBatchSize,
              maxBatchTimeout: queue.maxBatchTimeout,
              maxRetries: queue.maxRetries,
              deadLetterQueue: queue.deadLetterQueue,
            },
          },
        }),
        ...(outboundAddress && { outboundService: { external: { address: outboundAddress, http: {} } } }),
      },
    ],
  });
  const stop = async () => {
    await mf.dispose();
  };
  const forget = onTeardown(stop);
  const url = await mf.ready;
  if (database && migrate) {
    const db = await mf.getD1Database('DB');
    const statements = readMigrationStatements(settings.migrationsDir);
    await db.batch(statements.map((sql) => db.prepare(sql)));
  }

  const request = async (pathname, init) => {
    const response = await fetchRetryingGets(new URL(pathname, url), init);
    const text = await response.text();
    if (!response.ok) throw new Error(`${name}: ${init?.method ?? 'GET'} ${pathname} answered ${response.status}: ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    name,
    url: url.toString(),
    mf,
    dir,
    getJson: (pathname) => request(pathname),
    postJson: (pathname, body) => request(pathname, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) }),
    async stop() {
      forget();
      await stop();
    },
  };
}

/** The worker's modules, listed explicitly (Miniflare then does not scan them for imports). */
function moduleList(bundlePath, moduleFiles) {
  if (bundlePath) {
    return { modulesRoot: path.dirname(bundlePath), modules: [{ type: 'ESModule', path: bundlePath, contents: fs.readFileSync(bundlePath) }] };
  }
  return {
    modulesRoot: moduleFiles.root,
    modules: moduleFiles.files.map((file) => ({ type: 'ESModule', path: path.join(moduleFiles.root, file), contents: fs.readFileSync(path.join(moduleFiles.root, file)) })),
  };
}

/**
 * workerd may close a kept-alive connection right after a response whose waitUntil work is still
 * running; a GET that meets such a closed socket is simply sent again (at most 3 times).
 */
async function fetchRetryingGets(url, init) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      const socketClosed = error?.cause?.code === 'UND_ERR_SOCKET';
      if (!socketClosed || (init?.method ?? 'GET') !== 'GET' || attempt >= 3) throw error;
    }
  }
}
