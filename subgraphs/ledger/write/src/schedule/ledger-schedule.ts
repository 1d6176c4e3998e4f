import type { Logger } from 'pino';
import type { LedgerCommands } from '../application/ledger-commands';

/**
 * The durable schedule of expiries: every `intervalMs` it expires the due lots and reservations.
 * What is due is read from the ledger's own tables (expires_at), so nothing is lost on a restart,
 * and each expiry runs under its account's lock and re-checks that it is still due, so two
 * replicas never expire the same lot twice.
 */
export class LedgerSchedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly commands: LedgerCommands,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): this {
    if (this.intervalMs > 0) this.timer = setInterval(() => void this.tick(), this.intervalMs);
    return this;
  }

  tick(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        const done = await this.commands.expireDue();
        if (done.lots + done.reservations > 0) this.logger.info(done, 'ledger schedule: expired');
      } catch (err) {
        this.logger.warn({ err }, 'ledger schedule: expiry run failed; retried on the next tick');
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
