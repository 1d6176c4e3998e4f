import type { DataSource } from 'typeorm';
import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import { PAYMENT_AGGREGATE, PAYOUT_AGGREGATE } from '@crm/event-bus/contracts/billing';
import { PaymentViewStore } from './payment-views';
import type { PaymentView } from './payment-view.projection';

@ObjectType({ description: 'One refund of a payment (a void refunds the whole payment).' })
export class BillingRefund {
  @Field(() => ID) id: string;
  @Field(() => String) amount: string;
  @Field(() => Boolean) void: boolean;
  @Field(() => String) gatewayRefundId: string;
  @Field(() => ID) ledgerTransactionId: string;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => Date) at: Date;
}

@ObjectType({ description: 'A payment into a contact account, or a payout from a contact wallet.' })
export class BillingPayment {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'PAYMENT or PAYOUT.' }) kind: string;
  @Field(() => ID) contactId: string;
  @Field(() => String, {
    description: 'Payments: REQUESTED, CHARGED, DECLINED, POSTED, REFUNDED, VOIDED. Payouts: REQUESTED, DEBITED, PAID, FAILED.',
  })
  status: string;
  @Field(() => ID, { nullable: true }) accountId: string | null;
  @Field(() => ID, { nullable: true }) walletId: string | null;
  @Field(() => ID, { nullable: true }) paymentMethodId: string | null;
  @Field(() => String) gateway: string;
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String, { nullable: true }) code: string | null;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => String, { nullable: true }) intentId: string | null;
  @Field(() => String, { nullable: true, description: "The gateway's charge, intent or payout reference." }) gatewayReference: string | null;
  @Field(() => String, { nullable: true }) failureCode: string | null;
  @Field(() => String, { nullable: true }) failureReason: string | null;
  @Field(() => ID, { nullable: true }) ledgerTransactionId: string | null;
  @Field(() => String, { description: 'What was refunded so far.' }) refunded: string;
  @Field(() => [BillingRefund]) refunds: BillingRefund[];
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class BillingPaymentPage {
  @Field(() => [BillingPayment]) items: BillingPayment[];
  @Field(() => Boolean) hasMore: boolean;
}

const toGql = (v: PaymentView): BillingPayment => ({ ...v, refunds: v.refunds.map((r) => ({ ...r, at: new Date(r.at) })) });

/** Payment and payout reads over `payment_views`, honouring consistency tokens. */
export class PaymentViewQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  store(tenantId: string): PaymentViewStore {
    return new PaymentViewStore(this.dataSource.manager, tenantId);
  }

  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const store = this.store(tenantId);
    const wanted = tokens.filter((t) => t.aggregateType === PAYMENT_AGGREGATE || t.aggregateType === PAYOUT_AGGREGATE);
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => store.versionOf(t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${t.aggregateType}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }
}

const pageOf = (page: number | null, size: number | null) => {
  const p = page ?? 1;
  const s = size ?? 10;
  if (!Number.isInteger(p) || p < 1) throw AppError.validation('page', 'must be 1 or more', 'INVALID_VALUE');
  if (!Number.isInteger(s) || s < 1 || s > 100) throw AppError.validation('size', 'must be 1 to 100', 'INVALID_VALUE');
  return { page: p, size: s };
};

@Resolver(() => BillingPayment)
export class PaymentQueriesResolver {
  constructor(
    private readonly queries: PaymentViewQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  private async list(
    ctx: SubgraphContext,
    kind: PaymentView['kind'],
    contactId: string | null,
    status: string | null,
    page: number | null,
    size: number | null,
  ) {
    const contact = contactId == null ? null : canonicalId(contactId);
    if (contactId != null && !contact) return { items: [], hasMore: false };
    await this.consistency.before(ctx);
    const r = await this.queries
      .store(ctx.principal.tenantId)
      .list(kind, { contactId: contact, status: status?.trim().toUpperCase() || null, ...pageOf(page, size) });
    return { items: r.items.map(toGql), hasMore: r.hasMore };
  }

  private async one(ctx: SubgraphContext, kind: PaymentView['kind'], id: string) {
    const key = canonicalId(id);
    if (!key) return null;
    await this.consistency.before(ctx);
    const v = await this.queries.store(ctx.principal.tenantId).byId(kind, key);
    return v ? toGql(v) : null;
  }

  @Authorized(['billing.read'])
  @Query(() => BillingPaymentPage, { description: 'Payments of the tenant, newest first (by contact and state when given).' })
  billingPayments(
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Arg('status', () => String, { nullable: true }) status: string | null,
    @Arg('page', () => Int, { nullable: true }) page: number | null,
    @Arg('size', () => Int, { nullable: true }) size: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BillingPaymentPage> {
    return this.list(ctx, 'PAYMENT', contactId, status, page, size);
  }

  @Authorized(['billing.read'])
  @Query(() => BillingPayment, { nullable: true, description: 'One payment with its refunds.' })
  billingPayment(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<BillingPayment | null> {
    return this.one(ctx, 'PAYMENT', id);
  }

  @Authorized(['billing.read'])
  @Query(() => BillingPaymentPage, { description: 'Payouts of the tenant, newest first (by contact and state when given).' })
  billingPayouts(
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Arg('status', () => String, { nullable: true }) status: string | null,
    @Arg('page', () => Int, { nullable: true }) page: number | null,
    @Arg('size', () => Int, { nullable: true }) size: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BillingPaymentPage> {
    return this.list(ctx, 'PAYOUT', contactId, status, page, size);
  }

  @Authorized(['billing.read'])
  @Query(() => BillingPayment, { nullable: true, description: 'One payout.' })
  billingPayout(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<BillingPayment | null> {
    return this.one(ctx, 'PAYOUT', id);
  }
}
