/**
 * The loop of a worker that claims leased rows (webhook deliveries, automation action runs): a
 * claim on every kick (new work, a finished job) and every `pollMs` (work that came due), claims
 * one after another, and a stop that waits for the claim and the jobs in flight.
 */
export abstract class ClaimLoop {
  private timer: NodeJS.Timeout | null = null;
  /** Claims run one after another. */
  protected chain: Promise<unknown> = Promise.resolve();
  private kicked = false;
  protected stopped = false;

  constructor(private readonly pollMs: number) {}

  /** Claims what is due now and starts it; resolves (jobs keep running) with how many were claimed. */
  protected abstract claim(): Promise<number>;
  /** The jobs in flight. */
  protected abstract inFlight(): Iterable<Promise<unknown>>;

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Looks for due work soon. */
  kick(): void {
    if (this.stopped || this.kicked) return;
    this.kicked = true;
    this.chain = this.chain.then(() => {
      this.kicked = false;
      return this.stopped ? 0 : this.claim();
    });
  }

  /** One claim after those already queued; resolves with how many were claimed. */
  tick(): Promise<number> {
    const run = this.chain.then(() => this.claim());
    this.chain = run;
    return run;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.chain;
    await Promise.all(this.inFlight());
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.kick();
      this.schedule();
    }, this.pollMs);
    this.timer.unref();
  }
}
