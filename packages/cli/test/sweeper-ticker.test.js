// The ticker against a real HTTP server on 127.0.0.1, with a hand-driven scheduler: every pause
// the ticker asks for is a pending timer the test fires itself, so nothing waits on the clock.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { afterEach, describe, test } from 'node:test';
import { localOrigin } from '../src/commands/dev.js';
import { SCHEDULED_PATH, startSweeperTicker } from '../src/sweeper-ticker.js';

const INTERVAL = 5000;
const POLL = 250;
const TIMEOUT = 30000;
// A safety net so a broken ticker fails its test instead of hanging the run; not an assertion.
const LIMIT = { timeout: 10_000 };

/** Timers that run only when the test fires them. */
function manualScheduler() {
  /** @type {Map<number, { run: () => void, ms: number }>} */
  const timers = new Map();
  /** @type {(() => void)[]} */
  let onChange = [];
  let nextId = 0;
  const changed = () => onChange.splice(0).forEach((notify) => notify());
  return {
    /** @type {(run: () => void, ms: number) => unknown} */
    setTimeout(run, ms) {
      timers.set(++nextId, { run, ms });
      changed();
      return nextId;
    },
    /** @param {unknown} id */
    clearTimeout(id) {
      timers.delete(/** @type {number} */ (id));
      changed();
    },
    /** The delays of the timers now pending, e.g. [5000]. */
    pending() {
      return [...timers.values()].map((timer) => timer.ms).sort((a, b) => a - b);
    },
    /** Resolves once exactly these delays are pending (the ticker finished its current step). */
    async settle(/** @type {number[]} */ expected) {
      while (JSON.stringify(this.pending()) !== JSON.stringify(expected)) {
        await new Promise((resolve) => onChange.push(() => resolve(undefined)));
      }
    },
    /** Runs (and removes) the one pending timer with this delay. */
    fire(/** @type {number} */ ms) {
      const found = [...timers].filter(([, timer]) => timer.ms === ms);
      assert.equal(found.length, 1, `expected one pending ${ms} ms timer, have ${JSON.stringify(this.pending())}`);
      const [id, timer] = found[0];
      timers.delete(id);
      timer.run();
    },
  };
}

/**
 * A server that records the paths it was asked for and answers with `respond`.
 * `hang` requests are left unanswered.
 */
async function recordingServer() {
  /** @type {string[]} */
  const paths = [];
  const state = { status: 200, body: 'ok', hang: false };
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    if (state.hang) return;
    response.writeHead(state.status, { 'content-type': 'text/plain' }).end(state.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return {
    paths,
    state,
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/** A port with nothing listening on it (taken, then released). */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  return address.port;
}

describe('sweeper ticker', () => {
  /** @type {(() => unknown)[]} */
  const cleanups = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** @param {string} origin */
  function start(origin) {
    const scheduler = manualScheduler();
    /** @type {string[]} */
    const warnings = [];
    const ticker = startSweeperTicker({
      origin,
      intervalMs: INTERVAL,
      pollMs: POLL,
      timeoutMs: TIMEOUT,
      scheduler,
      warn: (line) => warnings.push(line),
    });
    cleanups.push(() => ticker.stop());
    return { scheduler, warnings, ticker };
  }

  test('requests the scheduled endpoint at once, then once per interval, silently', LIMIT, async () => {
    const server = await recordingServer();
    cleanups.push(server.close);
    const { scheduler, warnings } = start(server.origin);

    await scheduler.settle([INTERVAL]);
    assert.deepEqual(server.paths, [SCHEDULED_PATH]);
    for (let tick = 2; tick <= 4; tick++) {
      scheduler.fire(INTERVAL);
      await scheduler.settle([INTERVAL]);
      assert.equal(server.paths.length, tick);
    }
    assert.deepEqual(server.paths, Array(4).fill('/cdn-cgi/handler/scheduled?cron=*+*+*+*+*'));
    assert.deepEqual(warnings, []);
  });

  test('while nothing listens yet it polls quietly, then ticks once the server answers', LIMIT, async () => {
    const port = await closedPort();
    const { scheduler, warnings } = start(`http://127.0.0.1:${port}`);

    for (let attempt = 0; attempt < 3; attempt++) {
      await scheduler.settle([POLL]);
      scheduler.fire(POLL);
    }
    await scheduler.settle([POLL]);
    assert.deepEqual(warnings, []);

    const server = await recordingServerOn(port);
    cleanups.push(server.close);
    scheduler.fire(POLL);
    await scheduler.settle([INTERVAL]);
    assert.deepEqual(server.paths, [SCHEDULED_PATH]);
    assert.deepEqual(warnings, []);
  });

  test('failing ticks give one warning per run of failures, with the status and the body', LIMIT, async () => {
    const server = await recordingServer();
    cleanups.push(server.close);
    server.state.status = 500;
    server.state.body = 'Error: no such table: Job\n    at sweep (worker.js:1:1)';
    const { scheduler, warnings } = start(server.origin);

    await scheduler.settle([INTERVAL]);
    for (let i = 0; i < 3; i++) {
      scheduler.fire(INTERVAL);
      await scheduler.settle([INTERVAL]);
    }
    assert.equal(server.paths.length, 4);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /^cruz dev: job sweeper tick failed \(GET \/cdn-cgi\/handler\/scheduled\?cron=\*\+\*\+\*\+\*\+\*: HTTP 500: Error: no such table: Job\); retrying every 5 s/);
    assert.ok(!warnings[0].includes('at sweep'), 'only the first line of the body');

    server.state.status = 200;
    scheduler.fire(INTERVAL);
    await scheduler.settle([INTERVAL]);
    assert.equal(warnings.length, 1, 'a success prints nothing');

    server.state.status = 503;
    scheduler.fire(INTERVAL);
    await scheduler.settle([INTERVAL]);
    assert.equal(warnings.length, 2);
    assert.match(warnings[1], /HTTP 503/);
  });

  test('a server that stops answering after it has answered is a failure, not start-up', LIMIT, async () => {
    const server = await recordingServer();
    const { scheduler, warnings } = start(server.origin);
    await scheduler.settle([INTERVAL]);
    await server.close();

    scheduler.fire(INTERVAL);
    await scheduler.settle([INTERVAL]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /fetch failed: ECONNREFUSED/);
  });

  test('a tick without an answer is aborted when its timeout fires', LIMIT, async () => {
    const server = await recordingServer();
    cleanups.push(server.close);
    const { scheduler, warnings } = start(server.origin);
    await scheduler.settle([INTERVAL]);

    server.state.hang = true;
    scheduler.fire(INTERVAL);
    await scheduler.settle([TIMEOUT]);
    // The request has reached the server and hangs there.
    while (server.paths.length < 2) await new Promise((resolve) => setImmediate(resolve));
    scheduler.fire(TIMEOUT);
    await scheduler.settle([INTERVAL]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /no answer within 30 s/);
  });

  test('stop() cancels the next tick and aborts one in flight without a warning', LIMIT, async () => {
    const server = await recordingServer();
    cleanups.push(server.close);
    const { scheduler, warnings, ticker } = start(server.origin);
    await scheduler.settle([INTERVAL]);

    ticker.stop();
    assert.deepEqual(scheduler.pending(), []);

    const second = start(server.origin);
    server.state.hang = true;
    await second.scheduler.settle([TIMEOUT]);
    while (server.paths.length < 2) await new Promise((resolve) => setImmediate(resolve));
    second.ticker.stop();
    await second.scheduler.settle([]);
    // Let the aborted fetch settle; it must not schedule or print anything.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(second.scheduler.pending(), []);
    assert.deepEqual([...warnings, ...second.warnings], []);
    assert.equal(server.paths.length, 2);
  });
});

describe('localOrigin: where cruz dev reaches its own server', () => {
  test('the default and wildcard hosts are reached on loopback; others as given', () => {
    assert.equal(localOrigin(undefined, 5173), 'http://localhost:5173');
    assert.equal(localOrigin('0.0.0.0', 80), 'http://127.0.0.1:80');
    assert.equal(localOrigin('::', 80), 'http://[::1]:80');
    assert.equal(localOrigin('::1', 80), 'http://[::1]:80');
    assert.equal(localOrigin('192.168.1.5', 3000), 'http://192.168.1.5:3000');
  });
});

/** @param {number} port */
async function recordingServerOn(port) {
  /** @type {string[]} */
  const paths = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    response.end('ok');
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  return {
    paths,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
