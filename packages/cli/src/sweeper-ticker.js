// @ts-check

/**
 * Under `vite dev` (the Cloudflare plugin), a GET of this path runs the worker's scheduled()
 * handler, the job sweeper, as the cron in wrangler.toml would in production.
 */
export const SCHEDULED_PATH = '/cdn-cgi/handler/scheduled?cron=*+*+*+*+*';

/**
 * @typedef {object} Scheduler
 * @property {(run: () => void, ms: number) => unknown} setTimeout
 * @property {(handle: unknown) => void} clearTimeout
 */

/**
 * @typedef {object} TickerOptions
 * @property {string} origin the dev server, e.g. "http://localhost:5173"
 * @property {number} intervalMs pause between the end of one tick and the start of the next
 * @property {number} [pollMs] pause between attempts while the server does not answer yet
 * @property {number} [timeoutMs] a tick without an answer this long is aborted and counts as failed
 * @property {(url: string, init: { signal: AbortSignal }) => Promise<Response>} [fetch]
 * @property {Scheduler} [scheduler]
 * @property {(line: string) => void} [warn] receives each warning line (without newline)
 */

/**
 * @typedef {object} Ticker
 * @property {() => void} stop no further requests; one in flight is aborted
 */

/**
 * Requests the scheduled endpoint of a dev server over and over, one request at a time.
 *
 * - Until the server first answers, refused connections are expected (it is starting) and
 *   retried every `pollMs` without a word.
 * - After that, a tick every `intervalMs`. Success prints nothing. A failed tick (connection
 *   error, timeout, non-2xx answer) prints one warning; the failures after it stay quiet until
 *   a tick succeeds again, so a broken handler costs one line, not one per tick.
 * - After stop(), nothing more is requested or printed.
 *
 * @param {TickerOptions} options
 * @returns {Ticker}
 */
export function startSweeperTicker({
  origin,
  intervalMs,
  pollMs = 500,
  timeoutMs = 60_000,
  fetch = globalThis.fetch,
  scheduler = { setTimeout: globalThis.setTimeout, clearTimeout: /** @type {any} */ (globalThis.clearTimeout) },
  warn = (line) => process.stderr.write(`${line}\n`),
}) {
  const url = new URL(SCHEDULED_PATH, origin).href;
  let stopped = false;
  let answered = false;
  let reported = false;
  /** @type {unknown} */
  let timer;
  /** @type {AbortController | undefined} */
  let inFlight;

  /** @param {number} ms */
  const scheduleNext = (ms) => {
    if (!stopped) timer = scheduler.setTimeout(tick, ms);
  };

  async function tick() {
    timer = undefined;
    const controller = new AbortController();
    inFlight = controller;
    const timeout = scheduler.setTimeout(
      () => controller.abort(new Error(`no answer within ${formatSeconds(timeoutMs)}`)),
      timeoutMs,
    );

    /** @type {string | undefined} */
    let failure;
    let starting = false;
    try {
      const response = await fetch(url, { signal: controller.signal });
      // Reading the body lets the connection be reused and shows why a tick failed.
      const body = await response.text();
      answered = true;
      if (!response.ok) failure = `HTTP ${response.status}${firstLine(body)}`;
    } catch (error) {
      starting = !answered && !controller.signal.aborted;
      failure = controller.signal.aborted ? errorMessage(controller.signal.reason) : errorMessage(error);
    } finally {
      scheduler.clearTimeout(timeout);
      inFlight = undefined;
    }
    if (stopped) return;

    if (starting) {
      scheduleNext(pollMs);
      return;
    }
    if (failure === undefined) {
      reported = false;
    } else if (!reported) {
      reported = true;
      warn(
        `cruz dev: job sweeper tick failed (GET ${SCHEDULED_PATH}: ${failure}); ` +
          `retrying every ${formatSeconds(intervalMs)}, quietly until it works again`,
      );
    }
    scheduleNext(intervalMs);
  }

  void tick();

  return {
    stop() {
      stopped = true;
      if (timer !== undefined) scheduler.clearTimeout(timer);
      timer = undefined;
      inFlight?.abort(new Error('stopped'));
    },
  };
}

/** @param {unknown} error */
function errorMessage(error) {
  if (!(error instanceof Error)) return String(error);
  // fetch() says only "fetch failed"; the reason (e.g. ECONNREFUSED) is in cause.
  const cause = /** @type {{ cause?: unknown }} */ (error).cause;
  if (cause instanceof Error) {
    const code = /** @type {{ code?: unknown }} */ (cause).code;
    return typeof code === 'string' ? `${error.message}: ${code}` : `${error.message}: ${cause.message}`;
  }
  return error.message;
}

/** @param {string} body */
function firstLine(body) {
  const line = body.trim().split('\n')[0].trim();
  if (!line) return '';
  return `: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`;
}

/** @param {number} ms */
function formatSeconds(ms) {
  return `${ms / 1000} s`;
}
