import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { RequestContext } from '@crm/event-bus/kit';
import { minorOf } from '../domain/money';
import { completeStep } from '../domain/complete-step';
import { pendingSteps, type PurchaseState, type PurchaseStepState } from '../domain/purchase';
import { spendKey } from '../domain/post-purchase';
import type { RewardSchemeState } from '../domain/reward-scheme';
import { purchaseAggregate, type RewardsCommands } from './rewards-commands';
import type { LedgerGateway, LedgerOutcome } from './ledger-port';

export interface StepRunnerOptions {
  /** How often pending steps are looked for (0: never; only kicks). */
  pollMs: number;
  /** A pending step is picked up by the poll once its purchase has been quiet this long (the kick handles fresh ones). */
  quietMs: number;
}

/**
 * The purchase process manager: posts each pending ledger step of a purchase in order, with its
 * own idempotency key, and records the outcome; a failure leaves the step pending and the poll
 * retries it (same key: the ledger posts it once). Nothing is forgotten: pending steps are a column
 * of the purchase row, written in the statement that created them. Several replicas may post the
 * same step: the ledger's key makes that harmless and the outcome is recorded once.
 */
export class StepRunner {
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: RewardsCommands,
    private readonly ledger: LedgerGateway,
    private readonly logger: Logger,
    private readonly options: StepRunnerOptions,
  ) {}

  start(): this {
    this.stopped = false;
    this.schedule();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Posts what is pending for one purchase now (one run per purchase at a time in this process). */
  kick(tenantId: string, purchaseId: string): Promise<void> {
    const key = `${tenantId}:${purchaseId}`;
    const running = this.inFlight.get(key);
    if (running) return running.then(() => this.kick(tenantId, purchaseId));
    const run = this.run(tenantId, purchaseId)
      .catch((err) => this.logger.warn({ err, purchaseId }, 'rewards: posting a purchase step failed; the poll retries it'))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, run);
    return run;
  }

  /** One poll: every purchase with pending steps, quiet for quietMs. Returns how many it ran. */
  async pollOnce(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT tenant_id, id FROM reward_aggregates WHERE pending AND type = 'purchase' AND updated_at < now() - ($1::int * interval '1 millisecond') ORDER BY updated_at LIMIT 100`,
      [this.options.quietMs],
    )) as { tenant_id: string; id: string }[];
    await Promise.all(rows.map((r) => this.kick(r.tenant_id, r.id)));
    return rows.length;
  }

  private schedule(): void {
    if (this.stopped || this.options.pollMs <= 0) return;
    this.timer = setTimeout(() => {
      this.pollOnce()
        .catch((err) => this.logger.warn({ err }, 'rewards: step poll failed'))
        .finally(() => this.schedule());
    }, this.options.pollMs);
    this.timer.unref?.();
  }

  private async run(tenantId: string, purchaseId: string): Promise<void> {
    const ctx: RequestContext = { tenantId, correlationId: `purchase:${purchaseId}`, actor: { kind: 'service', id: 'rewards-write' } };
    for (;;) {
      const purchase = await purchaseAggregate.store.findById(this.dataSource, tenantId, purchaseId);
      const step = purchase ? pendingSteps(purchase)[0] : undefined;
      if (!purchase || !step) return;
      const outcome = await this.post(tenantId, purchase, step);
      if (!outcome) return;
      await this.commands.purchases.run(ctx, { create: false, ref: purchaseId }, (s) => completeStep(s, { key: step.key, ...outcome }));
    }
  }

  /** Posts one step; null when it must be retried later. */
  private async post(
    tenantId: string,
    p: PurchaseState,
    step: PurchaseStepState,
  ): Promise<{ outcome: 'POSTED' | 'WRITTEN_OFF' | 'CLAIMED'; transactionId: string | null } | null> {
    const account = {
      contactId: p.contactId,
      pocket: step.commercePoolId ? ('COMMERCE' as const) : ('OPEN' as const),
      commercePoolId: step.commercePoolId,
    };
    let result: LedgerOutcome;
    switch (step.kind) {
      case 'AWARD':
        result = await this.ledger.credit(tenantId, step.key, {
          account,
          amount: step.amount,
          currency: step.currency,
          expiresAt: step.expiresAt,
          reference: `purchase:${p.id}`,
        });
        break;
      case 'REVERSE': {
        const target =
          step.reverses === spendKey(p.id) ? (p.spend?.transactionId ?? null) : (p.steps.find((s) => s.key === step.reverses)?.transactionId ?? null);
        if (!target) {
          // what it reverses was never posted (e.g. written off): nothing to reverse
          return { outcome: 'WRITTEN_OFF', transactionId: null };
        }
        result = await this.ledger.reverse(tenantId, step.key, target, `purchase ${p.referenceNumber} cancelled`);
        if (!result.ok && result.reason === 'INSUFFICIENT_FUNDS' && step.offerId !== null) {
          // the award was spent already: as for a clawback, a claim or a write-off per the scheme
          return { outcome: (await this.clawBackPolicy(tenantId, p, step)) === 'CLAIM' ? 'CLAIMED' : 'WRITTEN_OFF', transactionId: null };
        }
        break;
      }
      case 'CLAWBACK':
        result = await this.ledger.debit(tenantId, step.key, {
          account,
          amount: step.amount,
          currency: step.currency,
          type: 'DEBIT',
          destination: 'REWARDS_LIABILITY',
          reference: `purchase:${p.id}:return`,
        });
        if (!result.ok && result.reason === 'INSUFFICIENT_FUNDS') {
          // already spent: per the scheme, a claim on the contact or a write-off (recorded, no posting)
          return { outcome: (await this.clawBackPolicy(tenantId, p, step)) === 'CLAIM' ? 'CLAIMED' : 'WRITTEN_OFF', transactionId: null };
        }
        break;
    }
    if (result.ok) return { outcome: 'POSTED', transactionId: result.transactionId };
    this.logger.warn(
      { purchaseId: p.id, step: step.key, reason: result.reason, amount: minorOf(step.amount, step.currency).toString() },
      'rewards: the ledger refused a step; retried later',
    );
    return null;
  }

  private async clawBackPolicy(tenantId: string, p: PurchaseState, step: PurchaseStepState): Promise<string> {
    const schemeId = p.evaluations.find((e) => e.offerId === step.offerId)?.schemeId;
    const scheme = schemeId ? ((await this.commands.scheme(tenantId, schemeId)) as RewardSchemeState | null) : null;
    return scheme?.clawBack ?? 'WRITE_OFF';
  }
}
