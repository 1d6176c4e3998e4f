/**
 * Open-loop load for fault tests: starts `fire(i)` at a fixed rate whatever the answers' latency
 * (slow answers raise concurrency, they do not lower the rate), until `stop()` or `durationMs`.
 * `finished` resolves once every started call has settled; failures are the callers' to record.
 *
 *   const load = openLoop({ ratePerSecond: 200, durationMs: 4000, fire: (i) => oneRequest(i) });
 *   …; const { started } = await load.finished;
 */
export interface OpenLoop {
  /** Stops starting new calls (the started ones still settle). */
  stop(): void;
  readonly finished: Promise<{ started: number; elapsedMs: number }>;
}

export function openLoop(options: { ratePerSecond: number; durationMs: number; fire: (i: number) => Promise<unknown> }): OpenLoop {
  const t0 = Date.now();
  const pending = new Set<Promise<unknown>>();
  let started = 0;
  let stopped = false;
  let resolveDone: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  // a timer every 10 ms starts as many calls as the elapsed time is owed, so timer jitter on a
  // loaded machine does not lower the rate
  const tick = setInterval(() => {
    const elapsed = Math.min(Date.now() - t0, options.durationMs);
    const owed = Math.floor((elapsed * options.ratePerSecond) / 1000) - started;
    for (let k = 0; k < owed; k++) {
      const i = started++;
      const p = Promise.resolve()
        .then(() => options.fire(i))
        .catch(() => undefined)
        .finally(() => pending.delete(p));
      pending.add(p);
    }
    if (elapsed >= options.durationMs) stop();
  }, 10);
  function stop(): void {
    if (stopped) return;
    stopped = true;
    clearInterval(tick);
    resolveDone();
  }
  const finished = done.then(async () => {
    while (pending.size > 0) await Promise.all([...pending]);
    return { started, elapsedMs: Date.now() - t0 };
  });
  return { stop, finished };
}
