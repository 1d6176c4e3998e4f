/**
 * Waits for a condition rather than for a clock: checks `cond` until it holds, backing off from
 * 10 ms to 250 ms between checks. `boundMs` only ends a run that hangs (a condition that never
 * holds), so it is far above anything a loaded machine needs; the failure names what was awaited.
 * Returns the last truthy value of `cond`.
 */
export async function eventually<T>(what: string, cond: () => Promise<T | null | undefined | false>, boundMs = 120_000): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 250)) {
    const v = await cond();
    if (v) return v;
    if (Date.now() >= deadline) throw new Error(`still waiting after ${boundMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}
