import type { EventEmitter } from 'node:events';

/**
 * Waits until `current()` reports at least `version`, waking on the projector's in-process
 * signal and polling the database otherwise (projector in another process). Returns whether the
 * version was reached within `timeoutMs`.
 */
export async function waitForVersion(
  version: number,
  current: () => Promise<number>,
  signals: { emitter: EventEmitter; event: string } | null,
  timeoutMs: number,
): Promise<boolean> {
  if ((await current()) >= version) return true;
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  while (Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.min(delay, deadline - Date.now()));
      function done() {
        clearTimeout(timer);
        signals?.emitter.off(signals.event, onSignal);
        resolve();
      }
      function onSignal(v: number) {
        if (v >= version) done();
      }
      signals?.emitter.on(signals.event, onSignal);
    });
    if ((await current()) >= version) return true;
    delay = Math.min(delay * 2, 25);
  }
  return false;
}
