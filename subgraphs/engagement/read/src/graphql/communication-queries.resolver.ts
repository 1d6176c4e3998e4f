import { Arg, Ctx, Field, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { Authorized, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import { COMMUNICATION_STATES } from '@crm/event-bus/contracts/engagement';
import type { CommunicationView } from '../projections/communication-view.projection';
import type { EngagementQueries } from './engagement-queries.resolver';
import { Communication, CommunicationPage } from './types';

@InputType()
export class CommunicationFilterInput {
  @Field(() => ID, { nullable: true, description: 'A contact principal always sees its own only.' }) contactId: string | null;
  @Field(() => String, { nullable: true }) channel: string | null;
  @Field(() => Boolean, { nullable: true }) viewed: boolean | null;
  @Field(() => Boolean, { nullable: true }) archived: boolean | null;
  @Field(() => [String], { nullable: true }) states: string[] | null;
  @Field(() => Date, { nullable: true }) createdFrom: Date | null;
  @Field(() => Date, { nullable: true }) createdTo: Date | null;
}

const NO_RECORD = '00000000-0000-0000-0000-000000000000';

export const toCommunication = (v: CommunicationView): Communication => ({
  ...v,
  viewedAt: v.viewedAt ? new Date(v.viewedAt) : null,
  createdAt: new Date(v.createdAt),
  updatedAt: new Date(v.updatedAt),
});

@Resolver()
export class CommunicationQueriesResolver {
  constructor(
    private readonly queries: EngagementQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['engagement.read', SELF])
  @Query(() => Communication, { nullable: true, description: 'A communication by id; null when the tenant has none (a contact: none of its own).' })
  async communication(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Communication | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    const view = canonical ? await this.queries.store(ctx.principal.tenantId).communication(canonical) : null;
    if (!view) return null;
    if (ctx.principal.kind === 'contact' && ctx.principal.subjectId !== view.contactId) return null;
    return toCommunication(view);
  }

  @Authorized(['engagement.read', SELF])
  @Query(() => CommunicationPage, {
    nullable: true,
    description: 'A page of communications, newest first by default. Null when a contact asks for another contact’s.',
  })
  async communications(
    @Arg('filter', () => CommunicationFilterInput, { nullable: true }) filter: CommunicationFilterInput | null,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
    @Arg('ascending', () => Boolean, { defaultValue: false }) ascending: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunicationPage | null> {
    if (offset < 0) throw AppError.validation('page', 'must be at least 1', 'INVALID_VALUE');
    if (limit < 1 || limit > 100) throw AppError.validation('size', 'must be 1 to 100', 'INVALID_VALUE');
    await this.consistency.before(ctx);
    const f = filter ?? ({} as Partial<CommunicationFilterInput>);
    let contactId = f.contactId ? (canonicalId(f.contactId) ?? NO_RECORD) : null;
    if (ctx.principal.kind === 'contact') {
      if (contactId && contactId !== ctx.principal.subjectId) return null;
      contactId = ctx.principal.subjectId;
    }
    const page = await this.queries.store(ctx.principal.tenantId).communications(
      {
        contactId,
        channel: f.channel?.toUpperCase() ?? null,
        viewed: f.viewed ?? null,
        archived: f.archived ?? null,
        states: f.states?.filter((s) => (COMMUNICATION_STATES as readonly string[]).includes(s)) ?? null,
        createdFrom: f.createdFrom ?? null,
        createdTo: f.createdTo ?? null,
      },
      { offset, limit, ascending },
    );
    return { items: page.items.map(toCommunication), total: page.total, hasMore: offset + page.items.length < page.total };
  }
}
