import type { DataSource } from 'typeorm';
import { Arg, Authorized, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { canonicalId } from '@crm/platform/ids';
import { waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import { WIDGET_AGGREGATE } from '@crm/event-bus/contracts/widgets';
import { WidgetViewStore } from '../persistence/widget-views';

@ObjectType({ description: 'A widget.' })
export class Widget {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

/** Read-side queries over the read model, honouring consistency tokens. */
export class WidgetQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  get(tenantId: string, id: string) {
    return new WidgetViewStore(this.dataSource.manager, tenantId).get(id);
  }

  /** Waits until every widget token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const store = new WidgetViewStore(this.dataSource.manager, tenantId);
    const wanted = tokens.filter((t) => t.aggregateType === WIDGET_AGGREGATE);
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => store.versionOf(t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${WIDGET_AGGREGATE}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }
}

@Resolver(() => Widget)
export class WidgetQueriesResolver {
  constructor(
    private readonly queries: WidgetQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['widgets.read'])
  @Query(() => Widget, { nullable: true, description: 'A widget by id; null when the tenant has none.' })
  async widget(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Widget | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    return canonical ? this.queries.get(ctx.principal.tenantId, canonical) : null;
  }
}
