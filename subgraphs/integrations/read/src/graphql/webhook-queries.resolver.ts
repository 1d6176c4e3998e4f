import type { DataSource } from 'typeorm';
import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import { WEBHOOK_AGGREGATE } from '@crm/event-bus/contracts/integrations';
import { WebhookViewStore } from '../persistence/webhook-views';

@ObjectType({ description: 'A webhook endpoint (its signing secrets are never readable).' })
export class Webhook {
  @Field(() => ID) id: string;
  @Field(() => String) url: string;
  @Field(() => [String], { description: 'Event types delivered to it (`*`: all).' }) events: string[];
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => Boolean) enabled: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Why the platform disabled it: GONE (answered 410) or FAILING (failed for the whole retry schedule).',
  })
  disabledReason: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType({ description: 'A page of webhook endpoints, newest first.' })
export class WebhookPage {
  @Field(() => Int) total: number;
  @Field(() => [Webhook]) content: Webhook[];
}

/** Read-side queries over the read model, honouring consistency tokens. */
export class WebhookQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  async get(tenantId: string, id: string) {
    const view = await new WebhookViewStore(this.dataSource.manager, tenantId).get(id);
    return view && !view.deleted ? view : null;
  }

  list(tenantId: string, offset: number, size: number) {
    return new WebhookViewStore(this.dataSource.manager, tenantId).page(offset, size);
  }

  /** Waits until every webhook token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const store = new WebhookViewStore(this.dataSource.manager, tenantId);
    const wanted = tokens.filter((t) => t.aggregateType === WEBHOOK_AGGREGATE);
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => store.versionOf(t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${WEBHOOK_AGGREGATE}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }
}

@Resolver(() => Webhook)
export class WebhookQueriesResolver {
  constructor(
    private readonly queries: WebhookQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['integrations.read'])
  @Query(() => Webhook, { nullable: true, description: 'A webhook endpoint by id; null when the tenant has none (or deleted it).' })
  async webhook(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Webhook | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    return canonical ? this.queries.get(ctx.principal.tenantId, canonical) : null;
  }

  @Authorized(['integrations.read'])
  @Query(() => WebhookPage, { description: 'The tenant webhook endpoints (never their secrets), newest first.' })
  async webhooks(
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WebhookPage> {
    if (offset < 0 || offset > 1_000_000) throw AppError.validation('offset', 'must be between 0 and 1000000', 'INVALID_OFFSET');
    if (size < 1 || size > 100) throw AppError.validation('size', 'must be between 1 and 100', 'INVALID_PAGE_SIZE');
    await this.consistency.before(ctx);
    return this.queries.list(ctx.principal.tenantId, offset, size);
  }
}
