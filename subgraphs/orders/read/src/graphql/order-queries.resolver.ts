import type { DataSource } from 'typeorm';
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import { ORDER_AGGREGATE, ORDER_STATES, SUPPLY_METHODS } from '@crm/event-bus/contracts/orders';
import { OrderViewStore } from '../persistence/order-views';
import type { OrderView } from '../projections/order-view.projection';
import { Order, OrderPage } from './types';

const date = (v: string | null) => (v === null ? null : new Date(v));

function orderOf(v: OrderView): Order {
  return {
    id: v.id,
    number: v.number,
    contactId: v.contactId,
    accountId: v.accountId,
    estimateId: v.estimateId,
    supplyMethod: v.supplyMethod,
    deliveryMethod: v.deliveryMethod,
    fulfilledBy: v.fulfilledBy,
    addressId: v.addressId,
    notes: v.notes,
    currency: v.currency,
    state: v.state,
    isFavorite: v.isFavorite,
    queueId: v.queueId,
    stage: v.stage,
    items: v.lines,
    net: v.totals.net,
    tax: v.totals.tax,
    discount: v.totals.discount,
    total: v.totals.total,
    walletFunds: v.walletFunds?.amount ?? '0',
    walletTransactionId: v.walletFunds?.transactionId ?? null,
    amountToCollect: v.amountToCollect,
    payments: v.payments,
    cancellationReasonId: v.cancellationReasonId,
    refundAmount: v.refund?.amount ?? null,
    submittedAt: new Date(v.submittedAt),
    startedAt: date(v.startedAt),
    completedAt: date(v.completedAt),
    cancelledAt: date(v.cancelledAt),
    updatedAt: new Date(v.updatedAt),
  };
}

/** Read-side queries over the read model, honouring consistency tokens. */
export class OrderQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  store(tenantId: string) {
    return new OrderViewStore(this.dataSource.manager, tenantId);
  }

  /** Waits until every order token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const store = this.store(tenantId);
    const wanted = tokens.filter((t) => t.aggregateType === ORDER_AGGREGATE);
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => store.versionOf(t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${ORDER_AGGREGATE}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }
}

const ownContact = (ctx: SubgraphContext) => (ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null);

function oneOf(values: readonly string[], field: string, value: string | null): string | null {
  if (value === null) return null;
  if (!values.includes(value)) throw AppError.validation(field, `must be one of ${values.join(', ')}`, 'INVALID_ENUM');
  return value;
}

@Resolver(() => Order)
export class OrderQueriesResolver {
  constructor(
    private readonly queries: OrderQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['orders.read', SELF])
  @Query(() => Order, { nullable: true, description: 'An order by id; null when the tenant has none (or, for a contact, it is not its own).' })
  async order(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Order | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    if (!canonical) return null;
    const view = await this.queries.store(ctx.principal.tenantId).get(canonical);
    const own = ownContact(ctx);
    if (!view || (own !== null && view.contactId !== own)) return null;
    return orderOf(view);
  }

  @Authorized(['orders.read', SELF])
  @Query(() => OrderPage, { description: "The tenant's orders (a contact's with contactId; a contact sees only its own), newest first by default." })
  async orders(
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Arg('state', () => String, { nullable: true, description: 'NEW, IN_PROGRESS, COMPLETED, CANCELLED or ON_HOLD.' }) state: string | null,
    @Arg('supplyMethod', () => String, { nullable: true }) supplyMethod: string | null,
    @Arg('ascending', () => Boolean, { nullable: true }) ascending: boolean | null,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100, default 20.' }) first: number | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrderPage> {
    const limit = first ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 101) throw AppError.validation('first', 'must be 1 to 100', 'INVALID_PAGE_SIZE');
    const skip = offset ?? 0;
    if (!Number.isInteger(skip) || skip < 0) throw AppError.validation('offset', 'must be 0 or more', 'INVALID_OFFSET');
    const filter = {
      contactId: contactId === null ? null : canonicalId(contactId),
      state: oneOf(ORDER_STATES, 'state', state),
      supplyMethod: oneOf(SUPPLY_METHODS, 'supplyMethod', supplyMethod),
      ascending: ascending ?? false,
    };
    if (contactId !== null && !filter.contactId) throw AppError.validation('contactId', 'must be a UUID', 'INVALID_ID');
    const own = ownContact(ctx);
    if (own !== null && filter.contactId !== own) return { items: [], total: 0 };
    await this.consistency.before(ctx);
    const page = await this.queries.store(ctx.principal.tenantId).list(filter, limit, skip);
    return { items: page.items.map(orderOf), total: page.total };
  }
}
