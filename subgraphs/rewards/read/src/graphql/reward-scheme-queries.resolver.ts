import type { DataSource } from 'typeorm';
import { Arg, Authorized, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { canonicalId } from '@crm/platform/ids';
import { waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import { REWARD_SCHEME_AGGREGATE } from '@crm/event-bus/contracts/rewards';
import { RewardSchemeViewStore } from '../persistence/reward-scheme-views';

@ObjectType({ description: 'A reward scheme.' })
export class RewardScheme {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

/** Read-side queries over the read model, honouring consistency tokens. */
export class RewardSchemeQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  get(tenantId: string, id: string) {
    return new RewardSchemeViewStore(this.dataSource.manager, tenantId).get(id);
  }

  /** Waits until every reward scheme token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const store = new RewardSchemeViewStore(this.dataSource.manager, tenantId);
    const wanted = tokens.filter((t) => t.aggregateType === REWARD_SCHEME_AGGREGATE);
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => store.versionOf(t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${REWARD_SCHEME_AGGREGATE}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }
}

@Resolver(() => RewardScheme)
export class RewardSchemeQueriesResolver {
  constructor(
    private readonly queries: RewardSchemeQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['rewards.read'])
  @Query(() => RewardScheme, { nullable: true, description: 'A reward scheme by id; null when the tenant has none.' })
  async rewardScheme(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<RewardScheme | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    return canonical ? this.queries.get(ctx.principal.tenantId, canonical) : null;
  }
}
