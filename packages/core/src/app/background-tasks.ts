import { AsyncLocalStorage } from 'node:async_hooks';

type WaitUntil = (promise: Promise<unknown>) => void;

/**
 * Work that must outlive the response (event listeners, in-process jobs). Inside a request, queue
 * batch or cron run it is handed to that invocation's `ctx.waitUntil`; outside one (scripts, tests)
 * it is tracked so `settled()` can wait for it.
 */
export class BackgroundTasks {
  private readonly scope = new AsyncLocalStorage<WaitUntil>();
  private readonly untracked = new Set<Promise<unknown>>();

  /** Runs `fn` with `waitUntil` as the place background work goes. */
  runWithin<T>(waitUntil: WaitUntil, fn: () => T): T {
    return this.scope.run(waitUntil, fn);
  }

  /** Starts `work` without waiting for it; a rejection is reported by `onError`, never thrown. */
  schedule(work: () => Promise<unknown>, onError: (error: unknown) => void): void {
    const promise = Promise.resolve()
      .then(work)
      .catch(onError);
    const waitUntil = this.scope.getStore();
    if (waitUntil) {
      waitUntil(promise);
      return;
    }
    this.untracked.add(promise);
    void promise.finally(() => this.untracked.delete(promise));
  }

  /** Resolves when background work started outside any invocation has finished (for scripts and tests). */
  async settled(): Promise<void> {
    while (this.untracked.size > 0) await Promise.all([...this.untracked]);
  }
}
