import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { CommunicationChannel } from '@crm/event-bus/contracts/engagement';
import type { CommunicationState } from '../domain/communication';
import { DeliveryError, type ChannelSender } from '../channels/ports';
import type { CommunicationCommands } from './communication-commands';

export interface DeliveryPolicy {
  maxAttempts: number;
  retryBaseMs: number;
  pollMs: number;
  /** How long a claimed communication stays the claimer's (a crashed worker's claim lapses then). */
  leaseMs: number;
  batchSize: number;
}

interface Claimed {
  id: string;
  tenant_id: string;
  doc: Omit<CommunicationState, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
}

/**
 * Delivers PENDING communications whose attempt is due, from the database (nothing is held in
 * memory: after a restart the next poll finds what is still due, a lapsed claim included).
 * Claims a batch with a lease (`FOR UPDATE SKIP LOCKED`: replicas share the work), sends each
 * through its channel's adapter and records the attempt through the communication's decider
 * (COMPLETED, a retry after a back-off, or FAILED after the last attempt). Delivery is at least
 * once: a crash between the send and its record sends again (the Message-ID is the communication's
 * id, so a receiver can drop the copy).
 */
export class DeliveryWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommunicationCommands,
    private readonly channels: Record<CommunicationChannel, ChannelSender>,
    private readonly policy: DeliveryPolicy,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Polls now (a communication was just requested). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .catch((err: unknown) => this.logger.warn({ err }, 'communication delivery poll failed'))
        .finally(() => {
          this.running = null;
          const again = this.again;
          this.again = false;
          this.schedule(again ? 0 : this.policy.pollMs);
        });
    }, ms);
  }

  /** One poll: claims and delivers due communications until none is due. */
  async tick(): Promise<void> {
    for (;;) {
      const claimed = await this.claim();
      if (claimed.length === 0 || this.stopped) return;
      await Promise.all(claimed.map((c) => this.deliver(c)));
    }
  }

  private async claim(): Promise<Claimed[]> {
    const result = (await this.dataSource.query(
      `UPDATE communications SET lease_until = now() + ($2::int * interval '1 millisecond')
       WHERE id IN (SELECT id FROM communications
                    WHERE state = 'PENDING' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                    ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, tenant_id, doc`,
      [this.policy.batchSize, this.policy.leaseMs],
    )) as Claimed[] | [Claimed[], number];
    // TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affected]
    return Array.isArray(result[0]) ? result[0] : (result as Claimed[]);
  }

  private async deliver(c: Claimed): Promise<void> {
    const channel = this.channels[c.doc.channel];
    let outcome: { ok: true; providerId: string | null } | { ok: false; error: string; permanent: boolean };
    try {
      const sent = await channel.send({ id: c.id, from: c.doc.sender, to: c.doc.recipient ?? '', subject: c.doc.subject, content: c.doc.content });
      outcome = { ok: true, providerId: sent.providerId };
    } catch (err) {
      outcome = { ok: false, error: (err as Error).message || 'delivery failed', permanent: err instanceof DeliveryError && err.permanent };
    }
    try {
      await this.commands.recordAttempt(c.tenant_id, c.id, outcome, this.policy);
      await this.dataSource.query(`UPDATE communications SET lease_until = NULL WHERE id = $1`, [c.id]);
    } catch (err) {
      // the lease lapses and the attempt is made again
      this.logger.warn({ err, communicationId: c.id }, 'recording a delivery attempt failed');
    }
    if (!outcome.ok) this.logger.info({ communicationId: c.id, error: outcome.error }, 'communication delivery attempt failed');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    for (const c of Object.values(this.channels)) await c.close?.();
  }
}
