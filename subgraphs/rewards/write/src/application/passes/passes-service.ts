import { randomBytes, randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { PASS_AGGREGATE, PASS_PLAN_AGGREGATE, PROMOTION_AGGREGATE } from '@crm/event-bus/contracts/rewards';
import { documentStore } from '../../persistence/document-store';
import { derivedId } from '../../domain/ids';
import {
  createPassPlan,
  evolvePassPlan,
  passExpiry,
  passValueOf,
  recordPassesIssued,
  updatePassPlan,
  type PassPlanChange,
  type PassPlanInput,
  type PassPlanState,
} from '../../domain/passes/pass-plan';
import {
  evolvePass,
  passCodeHash,
  passPinHash,
  recordPassCredit,
  redeemPass,
  setPassState,
  viewTokenHash,
  type PassChange,
  type PassState,
} from '../../domain/passes/pass';
import {
  createPromotion,
  deletePromotion,
  evolvePromotion,
  updatePromotion,
  type PromotionChange,
  type PromotionInput,
  type PromotionState,
} from '../../domain/passes/promotion';
import type { PassLedger } from './pass-ledger';

const conflict = (what: string) => () =>
  new AppError('CONFLICT', `the ${what} was changed by another request; retry`, { reason: 'VERSION_CONFLICT' });
const duplicateInsert = (err: unknown) => (err as { code?: string })?.code === '23505';

export const passPlanAggregate: AggregateDefinition<PassPlanState, PassPlanChange> = {
  type: PASS_PLAN_AGGREGATE,
  evolve: evolvePassPlan,
  store: documentStore<PassPlanState>(PASS_PLAN_AGGREGATE, (s) => ({ contactId: null, lifeCycle: s.state, pending: false, occurredAt: null })),
  versionConflict: conflict('pass plan'),
};

export const passAggregate: AggregateDefinition<PassState, PassChange> = {
  type: PASS_AGGREGATE,
  evolve: evolvePass,
  store: documentStore<PassState>(PASS_AGGREGATE, (s) => ({
    contactId: s.redemption?.contactId ?? null,
    lifeCycle: s.state,
    // a redeemed pass whose ledger credit is not recorded yet: the credit runner posts it
    pending: s.state === 'REDEEMED' && !s.redemption?.transactionId,
    occurredAt: s.expiresAt,
  })),
  versionConflict: conflict('pass'),
  retryable: duplicateInsert,
};

export const promotionAggregate: AggregateDefinition<PromotionState, PromotionChange> = {
  type: PROMOTION_AGGREGATE,
  evolve: evolvePromotion,
  store: documentStore<PromotionState>(PROMOTION_AGGREGATE, (s) => ({
    contactId: null,
    lifeCycle: s.deleted ? 'DELETED' : s.state,
    pending: false,
    occurredAt: null,
  })),
  versionConflict: conflict('promotion'),
};

/** The id of the pass a code names (one pass per code and tenant). */
export const passIdOf = (tenantId: string, code: string) => derivedId(tenantId, 'pass', passCodeHash(tenantId, code));

const ALPHABETS = {
  NUMERIC: '0123456789',
  ALPHABETIC: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  ALPHANUMERIC: 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789',
} as const;

function randomCode(plan: PassPlanState): string {
  const f = plan.terms.codeFormat;
  const alphabet = ALPHABETS[f.type];
  let body = '';
  for (let i = 0; i < f.length - f.prefix.length - f.suffix.length; i++) body += alphabet[randomInt(0, alphabet.length)];
  return `${f.prefix}${body}${f.suffix}`;
}

export interface IssuePasses {
  planId: string;
  count: number;
  value: string | null;
  printed: boolean;
  recipient: { name: string | null; mediumType: string | null; mediumValue: string | null } | null;
  giftSender: { name: string | null; message: string | null } | null;
}

export interface IssuedPass {
  id: string;
  code: string;
  pin: string | null;
  viewToken: string | null;
  value: string;
  currency: string;
  expiresAt: string | null;
}

/**
 * Pass plans, passes and promotions. A pass's code and PIN are answered once, at issue, and kept
 * only as hashes; the pass id derives from the code's hash, so a redeem finds its pass by id. A
 * redeem is one versioned write (a concurrent second redeem re-decides on the fresh state and is
 * refused), then the ledger credit with the pass's own idempotency key; a credit not recorded (a
 * crash, the ledger down) leaves the pass pending and the runner posts it (same key: once).
 */
export class PassesService {
  readonly plans: CommandHandler<PassPlanState, PassPlanChange>;
  readonly passes: CommandHandler<PassState, PassChange>;
  readonly promotions: CommandHandler<PromotionState, PromotionChange>;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    private readonly ledger: PassLedger,
    private readonly logger: Logger,
    private readonly pollMs: number,
  ) {
    this.plans = new CommandHandler(dataSource, registry, passPlanAggregate, onCommitted);
    this.passes = new CommandHandler(dataSource, registry, passAggregate, onCommitted);
    this.promotions = new CommandHandler(dataSource, registry, promotionAggregate, onCommitted);
  }

  plan(tenantId: string, id: string): Promise<PassPlanState | null> {
    return passPlanAggregate.store.findById(this.dataSource, tenantId, id);
  }

  createPlan(ctx: RequestContext, cmd: PassPlanInput, key: string | null): Promise<CommandResult<PassPlanState>> {
    const idem = key ? { scope: 'rewards.pass_plan.create', key, request: cmd } : null;
    return this.plans.run(ctx, { create: true, id: null }, (s) => createPassPlan(s, cmd), idem);
  }

  async updatePlan(ctx: RequestContext, id: string, cmd: PassPlanInput): Promise<CommandResult<PassPlanState>> {
    if (!(await this.plan(ctx.tenantId, id))) throw AppError.notFound('pass plan', id);
    return this.plans.run(ctx, { create: false, ref: id }, (s) => updatePassPlan(s, cmd));
  }

  /** Issues passes of an ACTIVE plan (one, or a printed batch); each code (and PIN) is answered here only. */
  async issue(
    ctx: RequestContext,
    cmd: IssuePasses,
  ): Promise<{ batchId: string; passes: IssuedPass[]; consistency: CommandResult<PassState>['consistency'] | null }> {
    const plan = await this.plan(ctx.tenantId, cmd.planId);
    if (!plan) throw AppError.validation('passPlanId', 'no pass plan has this id', 'PASS_PLAN_NOT_FOUND');
    const value = passValueOf(plan, cmd.value);
    const batchId = newId();
    await this.plans.run(ctx, { create: false, ref: plan.id }, (s) => recordPassesIssued(s, { batchId, count: cmd.count, printed: cmd.printed }));
    const passes: IssuedPass[] = [];
    let consistency: CommandResult<PassState>['consistency'] | null = null;
    for (let i = 0; i < cmd.count; i++) {
      const one = await this.issueOne(ctx, plan, batchId, value, cmd);
      passes.push(one.pass);
      consistency = one.consistency;
    }
    return { batchId, passes, consistency };
  }

  private async issueOne(
    ctx: RequestContext,
    plan: PassPlanState,
    batchId: string,
    value: string,
    cmd: IssuePasses,
  ): Promise<{ pass: IssuedPass; consistency: CommandResult<PassState>['consistency'] }> {
    for (let attempt = 0; ; attempt++) {
      const code = randomCode(plan);
      const id = passIdOf(ctx.tenantId, code);
      const pin = plan.terms.pinRequired ? String(randomInt(0, 10_000)).padStart(4, '0') : null;
      const viewToken = plan.terms.classification === 'PROMOTION' ? randomBytes(24).toString('base64url') : null;
      const expiresAt = passExpiry(plan, new Date());
      try {
        const r = await this.passes.run(ctx, { create: true, id }, (s) => {
          if (s) throw new AppError('CONFLICT', 'a pass has this code already', { reason: 'PASS_EXISTS' });
          return [
            {
              type: 'pass.issued',
              data: {
                planId: plan.id,
                batchId,
                classification: plan.terms.classification,
                value,
                currency: plan.terms.currency,
                codeHash: passCodeHash(ctx.tenantId, code),
                codeHint: code.slice(-4),
                pinHash: pin ? passPinHash(id, pin) : null,
                viewTokenHash: viewToken ? viewTokenHash(viewToken) : null,
                expiresAt,
                creditPocket: plan.terms.creditPocket,
                commercePoolId: plan.terms.commercePoolId,
                recipient: cmd.recipient,
                giftSender: cmd.giftSender,
              },
            },
          ];
        });
        return { pass: { id, code, pin, viewToken, value, currency: plan.terms.currency, expiresAt }, consistency: r.consistency };
      } catch (err) {
        // a code another pass already has (rare): draw again
        if (attempt < 5 && err instanceof AppError && (err.reason === 'PASS_EXISTS' || err.reason === 'VERSION_CONFLICT')) continue;
        throw err;
      }
    }
  }

  pass(tenantId: string, id: string): Promise<PassState | null> {
    return passAggregate.store.findById(this.dataSource, tenantId, id);
  }

  setPassState(ctx: RequestContext, id: string, state: string): Promise<CommandResult<PassState>> {
    return this.passes.run(ctx, { create: false, ref: id }, (s) => setPassState(s, state));
  }

  /** Redeems a pass for a contact: one versioned write, then the ledger credit (exactly once by its key). */
  async redeem(
    ctx: RequestContext,
    cmd: { code: string; pin: string | null; contactId: string; organisationId: string | null; verifyContact: boolean },
  ): Promise<CommandResult<PassState>> {
    const id = passIdOf(ctx.tenantId, cmd.code);
    const current = await this.pass(ctx.tenantId, id);
    if (!current) throw AppError.validation('code', 'no pass has this code', 'PASS_NOT_FOUND');
    // refused early (no gateway call) when the pass cannot be redeemed anyway; decided again below on the versioned write
    redeemPass(current, { contactId: cmd.contactId, pin: cmd.pin, organisationId: cmd.organisationId }, new Date());
    // a contact redeeming for itself is a contact; staff naming a contact: the tenant must have it
    if (cmd.verifyContact) {
      let exists: boolean;
      try {
        exists = await this.ledger.contactExists(ctx.tenantId, cmd.contactId);
      } catch (err) {
        this.logger.warn({ err }, 'rewards: a call through the gateway failed');
        throw new AppError('UNAVAILABLE', 'the contacts service is not reachable; retry', { reason: 'LEDGER_UNAVAILABLE' });
      }
      if (!exists) throw AppError.notFound('contact', cmd.contactId);
    }
    const result = await this.passes.run(ctx, { create: false, ref: id }, (s, now) =>
      redeemPass(s, { contactId: cmd.contactId, pin: cmd.pin, organisationId: cmd.organisationId }, now),
    );
    const credited = await this.postCredit(ctx, id).catch((err: unknown) => {
      this.logger.warn({ err, passId: id }, 'rewards: a pass credit failed; the runner retries it');
      return null;
    });
    return credited ?? result;
  }

  /** Posts the ledger credit of a redeemed pass and records it; null when there is nothing to do or the ledger refused. */
  async postCredit(ctx: RequestContext, id: string): Promise<CommandResult<PassState> | null> {
    const s = await this.pass(ctx.tenantId, id);
    if (!s?.redemption || s.redemption.transactionId) return null;
    const r = await this.ledger.credit(ctx.tenantId, s.redemption.ledgerKey, {
      contactId: s.redemption.contactId,
      pocket: s.creditPocket,
      commercePoolId: s.commercePoolId,
      amount: s.redemption.value,
      currency: s.redemption.currency,
      topUp: s.classification === 'TOPUP',
      reference: `pass:${id}`,
    });
    if (!r.ok) {
      this.logger.warn({ passId: id, reason: r.reason }, 'rewards: the ledger refused a pass credit; retried later');
      return null;
    }
    return this.passes.run(ctx, { create: false, ref: id }, (st) => recordPassCredit(st, r.transactionId));
  }

  /** The PROMOTION pass a view token names (its hash is kept), if any. */
  async passByViewToken(tenantId: string, token: string): Promise<PassState | null> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM reward_aggregates WHERE tenant_id = $1 AND type = 'pass' AND state->>'viewTokenHash' = $2 LIMIT 1`,
      [tenantId, viewTokenHash(token)],
    )) as { id: string }[];
    return rows[0] ? this.pass(tenantId, rows[0].id) : null;
  }

  createPromotion(ctx: RequestContext, cmd: PromotionInput, key: string | null): Promise<CommandResult<PromotionState>> {
    const idem = key ? { scope: 'rewards.promotion.create', key, request: cmd } : null;
    return this.promotions.run(ctx, { create: true, id: null }, (s) => createPromotion(s, cmd), idem);
  }

  async updatePromotion(ctx: RequestContext, id: string, cmd: PromotionInput): Promise<CommandResult<PromotionState>> {
    if (!(await promotionAggregate.store.findById(this.dataSource, ctx.tenantId, id))) throw AppError.notFound('promotion', id);
    return this.promotions.run(ctx, { create: false, ref: id }, (s) => updatePromotion(s, cmd));
  }

  async deletePromotion(ctx: RequestContext, id: string): Promise<CommandResult<PromotionState>> {
    if (!(await promotionAggregate.store.findById(this.dataSource, ctx.tenantId, id))) throw AppError.notFound('promotion', id);
    return this.promotions.run(ctx, { create: false, ref: id }, (s) => deletePromotion(s));
  }

  // ---- the credit runner: redeemed passes whose credit is not recorded (a crash between the two writes, the ledger down)

  start(): this {
    this.stopped = false;
    this.schedule();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** One poll: every pending pass quiet for a second. Returns how many it posted. */
  async pollOnce(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT tenant_id, id FROM reward_aggregates WHERE pending AND type = 'pass' AND updated_at < now() - interval '1 second' ORDER BY updated_at LIMIT 100`,
    )) as { tenant_id: string; id: string }[];
    let posted = 0;
    for (const r of rows) {
      const ctx: RequestContext = { tenantId: r.tenant_id, correlationId: `pass:${r.id}`, actor: { kind: 'service', id: 'rewards-write' } };
      if (await this.postCredit(ctx, r.id).catch(() => null)) posted++;
    }
    return posted;
  }

  private schedule(): void {
    if (this.stopped || this.pollMs <= 0) return;
    this.timer = setTimeout(() => {
      this.pollOnce()
        .catch((err) => this.logger.warn({ err }, 'rewards: pass credit poll failed'))
        .finally(() => this.schedule());
    }, this.pollMs);
    this.timer.unref?.();
  }
}
