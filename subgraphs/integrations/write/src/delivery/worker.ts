import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { SecretBox } from '@crm/platform/security';
import { signingSecrets, type WebhookState } from '../domain/webhook';
import { webhookStore } from '../persistence/webhook-store';
import type { DeliveryStore, DueDelivery } from '../persistence/delivery-store';
import { outcomeOf, retryAfterMs } from './schedule';
import type { Send } from './sender';
import { webhookHeaders } from './signing';
import { ClaimLoop } from '../claim-loop';

export interface DeliveryWorkerOptions {
  /** The schedule's clock (due times, leases); tests compress it. */
  clock: () => Date;
  /** When an attempt is sent (`webhook-timestamp`): the receiver checks it against its own clock. */
  sendClock: () => Date;
  random: () => number;
  send: Send;
  /** Opens an endpoint's sealed secrets (bound to its tenant). */
  secrets: SecretBox;
  /** The platform disables an endpoint (410, or failing for the whole schedule) through its command. */
  disable: (tenantId: string, endpointId: string, reason: 'GONE' | 'FAILING', lastStatus: number | null) => Promise<void>;
  logger: Logger;
  pollMs: number;
  /** Deadline of one attempt; a claim's lease covers `perEndpoint` of them. */
  timeoutMs: number;
  /** Deliveries claimed per endpoint at once. */
  perEndpoint: number;
  /** Requests in flight to one endpoint at once (Standard Webhooks promises no order). */
  laneConcurrency: number;
  /** Endpoints served at once by this process. */
  maxEndpoints: number;
}

/** The associated data a sealed endpoint secret is bound to. */
export const secretBinding = (tenantId: string) => `webhook-secret:${tenantId}`;

/**
 * Sends due deliveries. Each endpoint gets its own lane: the deliveries claimed for it are sent a
 * few at a time, while other endpoints' lanes run beside it, and an endpoint with a lane in flight
 * is not claimed again; so a slow or dead endpoint holds only its own lane and never delays
 * another's deliveries. Claims are leased rows of the database, so several replicas share the work
 * and a crashed replica's claims are taken over when their lease ends.
 */
export class DeliveryWorker extends ClaimLoop {
  private readonly lanes = new Map<string, Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: DeliveryStore,
    private readonly options: DeliveryWorkerOptions,
  ) {
    super(options.pollMs);
  }

  protected inFlight(): Iterable<Promise<void>> {
    return this.lanes.values();
  }

  /** Waits until nothing is due at the clock's current time and no lane is running (tests drive the clock with it). */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.tick();
      if (claimed === 0 && this.lanes.size === 0) return;
      await Promise.all(this.lanes.values());
    }
  }

  protected async claim(): Promise<number> {
    const free = this.options.maxEndpoints - this.lanes.size;
    if (free <= 0) return 0;
    const now = this.options.clock();
    const lease = new Date(now.getTime() + this.options.perEndpoint * this.options.timeoutMs + 60_000);
    let claimed: DueDelivery[];
    try {
      claimed = await this.store.claimDue(now, lease, [...this.lanes.keys()], this.options.perEndpoint, free * this.options.perEndpoint);
    } catch (err) {
      this.options.logger.warn({ err }, 'webhook deliveries could not be claimed; retrying');
      return 0;
    }
    const byEndpoint = new Map<string, DueDelivery[]>();
    for (const d of claimed) byEndpoint.set(d.endpointId, [...(byEndpoint.get(d.endpointId) ?? []), d]);
    for (const [endpointId, deliveries] of byEndpoint) {
      const lane = this.runLane(deliveries).finally(() => {
        this.lanes.delete(endpointId);
        this.kick();
      });
      this.lanes.set(endpointId, lane);
    }
    return claimed.length;
  }

  /** Endpoints with a lane in flight (for tests and metrics). */
  busyEndpoints(): string[] {
    return [...this.lanes.keys()];
  }

  /**
   * One endpoint's claimed deliveries: the endpoint (URL, secrets) is read once, then up to
   * `laneConcurrency` requests are in flight to it at a time. A disabled endpoint stops the lane.
   */
  private async runLane(deliveries: DueDelivery[]): Promise<void> {
    const first = deliveries[0]!;
    let endpoint: WebhookState | null;
    try {
      endpoint = await webhookStore.findById(this.dataSource.manager, first.tenantId, first.endpointId);
      if (!endpoint || !endpoint.enabled) {
        await this.store.releaseEndpoint(first.endpointId);
        return;
      }
    } catch (err) {
      this.options.logger.warn({ err, endpoint: first.endpointId }, 'webhook endpoint could not be read; its claims wait for their lease');
      return;
    }
    const lane = { endpoint, secrets: this.openSecrets(endpoint, first.tenantId), disabled: false };
    const queue = [...deliveries];
    const next = async (): Promise<void> => {
      for (let delivery = queue.shift(); delivery && !lane.disabled; delivery = queue.shift()) {
        try {
          if (await this.attempt(delivery, lane)) lane.disabled = true;
        } catch (err) {
          // a database failure while recording: the lease runs out and the delivery is claimed again
          this.options.logger.warn({ err, delivery: delivery.id }, 'webhook delivery attempt could not be recorded');
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.laneConcurrency, queue.length) }, next));
  }

  /** One attempt; true when it disabled the endpoint (its other deliveries wait until it is enabled again). */
  private async attempt(delivery: DueDelivery, lane: { endpoint: WebhookState; secrets: string[] }): Promise<boolean> {
    const headers = webhookHeaders(lane.secrets, { id: delivery.eventId, timestamp: this.options.sendClock(), body: delivery.payload });
    const result = await this.options.send(lane.endpoint.url, headers, delivery.payload);
    const now = this.options.clock();
    const attempts = delivery.attempts + 1;
    const outcome = outcomeOf(result.status, attempts, retryAfterMs(result.retryAfter, now), this.options.random);
    await this.store.recordAttempt(delivery.id, {
      state: outcome.state,
      status: result.status,
      error: result.error,
      at: now,
      nextAttemptAt: outcome.state === 'PENDING' ? new Date(now.getTime() + outcome.delayMs) : null,
    });
    if (outcome.state === 'FAILED') {
      await this.options.disable(delivery.tenantId, delivery.endpointId, outcome.disable, result.status);
      await this.store.releaseEndpoint(delivery.endpointId);
      return true;
    }
    return false;
  }

  private openSecrets(endpoint: WebhookState, tenantId: string): string[] {
    return signingSecrets(endpoint, this.options.clock()).map((s) => this.options.secrets.open(s.sealed, secretBinding(tenantId)));
  }
}
