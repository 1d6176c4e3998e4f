import { Arg, Ctx, Field, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { Authorized, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import { APPROVAL_ENTITY_TYPES, APPROVAL_STATES } from '@crm/event-bus/contracts/engagement';
import type { ApprovalRequestView } from '../projections/approval-request-view.projection';
import type { EngagementQueries } from './engagement-queries.resolver';
import { ApprovalRequest, ApprovalRequestPage } from './types';

@InputType()
export class ApprovalRequestFilterInput {
  @Field(() => ID, { nullable: true, description: 'The approver; a contact principal always sees its own only.' }) contactId: string | null;
  @Field(() => String, { nullable: true }) state: string | null;
  @Field(() => [String], { nullable: true }) entityTypes: string[] | null;
}

const NO_RECORD = '00000000-0000-0000-0000-000000000000';

const toApprovalRequest = (v: ApprovalRequestView): ApprovalRequest => ({
  ...v,
  expiresAt: new Date(v.expiresAt),
  createdAt: new Date(v.createdAt),
  decidedAt: v.decidedAt ? new Date(v.decidedAt) : null,
});

@Resolver()
export class ApprovalQueriesResolver {
  constructor(
    private readonly queries: EngagementQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['engagement.read', SELF])
  @Query(() => ApprovalRequest, {
    nullable: true,
    description: 'An approval request by id; null when the tenant has none (a contact: none it approves).',
  })
  async approvalRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<ApprovalRequest | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    const view = canonical ? await this.queries.store(ctx.principal.tenantId).approvalRequest(canonical) : null;
    if (!view) return null;
    if (ctx.principal.kind === 'contact' && ctx.principal.subjectId !== view.approverContactId) return null;
    return toApprovalRequest(view);
  }

  @Authorized(['engagement.read', SELF])
  @Query(() => ApprovalRequestPage, {
    nullable: true,
    description: 'A page of approval requests, newest first by default; null when a contact asks for another’s.',
  })
  async approvalRequests(
    @Arg('filter', () => ApprovalRequestFilterInput, { nullable: true }) filter: ApprovalRequestFilterInput | null,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
    @Arg('ascending', () => Boolean, { defaultValue: false }) ascending: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApprovalRequestPage | null> {
    if (offset < 0) throw AppError.validation('page', 'must be at least 1', 'INVALID_VALUE');
    if (limit < 1 || limit > 100) throw AppError.validation('size', 'must be 1 to 100', 'INVALID_VALUE');
    await this.consistency.before(ctx);
    const f = filter ?? ({} as Partial<ApprovalRequestFilterInput>);
    let contactId = f.contactId ? (canonicalId(f.contactId) ?? NO_RECORD) : null;
    if (ctx.principal.kind === 'contact') {
      if (contactId && contactId !== ctx.principal.subjectId) return null;
      contactId = ctx.principal.subjectId;
    }
    const state = f.state && (APPROVAL_STATES as readonly string[]).includes(f.state) ? f.state : f.state ? 'NONE' : null;
    const entityTypes = f.entityTypes?.map((t) => ((APPROVAL_ENTITY_TYPES as readonly string[]).includes(t) ? t : 'NONE')) ?? null;
    const page = await this.queries.store(ctx.principal.tenantId).approvalRequests({ contactId, state, entityTypes }, { offset, limit, ascending });
    return { items: page.items.map(toApprovalRequest), total: page.total, hasMore: offset + page.items.length < page.total };
  }
}
