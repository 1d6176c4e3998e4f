import type { DataSource } from 'typeorm';
import { Arg, Authorized, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { canonicalId } from '@crm/platform/ids';
import { waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import { ORDER_AGGREGATE } from '@crm/event-bus/contracts/orders';
import { OrderViewStore } from '../persistence/order-views';

@ObjectType({ description: 'A order.' })
export class Order {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

/** Read-side queries over the read model, honouring consistency tokens. */
export class OrderQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  get(tenantId: string, id: string) {
    return new OrderViewStore(this.dataSource.manager, tenantId).get(id);
  }

  /** Waits until every order token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const store = new OrderViewStore(this.dataSource.manager, tenantId);
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

@Resolver(() => Order)
export class OrderQueriesResolver {
  constructor(
    private readonly queries: OrderQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['orders.read'])
  @Query(() => Order, { nullable: true, description: 'A order by id; null when the tenant has none.' })
  async order(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Order | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    return canonical ? this.queries.get(ctx.principal.tenantId, canonical) : null;
  }
}
