import { createHash } from 'node:crypto';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { canonicalId } from '@crm/platform/ids';
import { PUBLIC, SELF } from '@crm/platform/auth';
import { Authorized, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { RewardQueries } from './reward-queries.resolver';
import type { PassDoc, PassesView, PassPlanDoc, PromotionViewDoc } from '../projections/passes-view.projection';
import { Pass, PassPage, PassPlan, PassPlanPage, Promotion, PromotionPage } from './passes-types';

const page = (p: number, size: number) => ({
  offset: (Math.max(1, p) - 1) * Math.min(Math.max(1, size), 100),
  limit: Math.min(Math.max(1, size), 100),
});
const date = (v: string | null) => (v ? new Date(v) : null);

export function toPassPlan(v: PassesView): PassPlan {
  const d = v.data as PassPlanDoc;
  const t = d.terms;
  return {
    id: v.id,
    name: d.name,
    description: d.description,
    state: d.state,
    classification: t.classification,
    currency: t.currency,
    valueType: t.value.type,
    fixedValues: t.value.fixedValues,
    minimum: t.value.minimum,
    maximum: t.value.maximum,
    validityType: t.validity.type,
    validityPeriod: t.validity.period,
    validityUot: t.validity.uot,
    validityFixedDate: date(t.validity.fixedDate),
    codeType: t.codeFormat.type,
    codePrefix: t.codeFormat.prefix,
    codeSuffix: t.codeFormat.suffix,
    codeLength: t.codeFormat.length,
    pinRequired: t.pinRequired,
    creditPocket: t.creditPocket,
    commercePoolId: t.commercePoolId,
    promotionId: t.promotionId,
    rewardOfferId: t.rewardOfferId,
    passesIssued: d.passesIssued,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

export function toPass(v: PassesView): Pass {
  const d = v.data as PassDoc;
  return {
    id: v.id,
    planId: d.planId,
    batchId: d.batchId,
    classification: d.classification,
    state: d.state,
    value: d.value,
    currency: d.currency,
    codeHint: d.codeHint,
    pinRequired: d.hasPin,
    expiresAt: date(d.expiresAt),
    creditPocket: d.creditPocket,
    commercePoolId: d.commercePoolId,
    recipientName: d.recipient?.name ?? null,
    recipientMediumType: d.recipient?.mediumType ?? null,
    recipientMediumValue: d.recipient?.mediumValue ?? null,
    giftSenderName: d.giftSender?.name ?? null,
    giftMessage: d.giftSender?.message ?? null,
    redeemedBy: d.redemption?.contactId ?? null,
    redeemedAt: date(d.redemption?.redeemedAt ?? null),
    redeemedAtOrganisation: d.redemption?.organisationId ?? null,
    transactionId: d.redemption?.transactionId ?? null,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

export function toPromotion(v: PassesView): Promotion {
  const d = v.data as PromotionViewDoc;
  return {
    id: v.id,
    name: d.name,
    shortDescription: d.shortDescription,
    longDescription: d.longDescription,
    state: d.state,
    currency: d.currency,
    availableFrom: date(d.availableFrom),
    availableTo: date(d.availableTo),
    tags: d.tags,
    organisationIds: d.organisationIds,
    rewardOfferId: d.rewardOfferId,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

/** Staff see everything; contacts and anonymous callers (public key) see ACTIVE things only. */
const isStaff = (ctx: SubgraphContext) => ctx.principal.kind !== 'contact' && ctx.principal.kind !== 'anonymous';

@Resolver()
export class PassesQueriesResolver {
  constructor(
    private readonly queries: RewardQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['rewards.read', SELF])
  @Query(() => PassPlan, { nullable: true, description: 'A pass plan by id (a contact sees ACTIVE plans only).' })
  async passPlan(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<PassPlan | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    if (!canonical) return null;
    const v = await this.queries.passesStore(ctx.principal.tenantId).get('pass_plan', canonical);
    if (!v || (!isStaff(ctx) && v.lifeCycle !== 'ACTIVE')) return null;
    return toPassPlan(v);
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => PassPlanPage, { description: 'Pass plans, newest first (a contact sees ACTIVE plans only).' })
  async passPlans(
    @Arg('currency', () => String, { nullable: true }) currency: string | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('state', () => String, { nullable: true }) state: string | null,
    @Arg('ascending', () => Boolean, { defaultValue: false }) ascending: boolean,
    @Arg('page', () => Int, { defaultValue: 1 }) pageNo: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PassPlanPage> {
    await this.consistency.before(ctx);
    const p = page(pageNo, size);
    const lifeCycles = !isStaff(ctx) ? ['ACTIVE'] : state ? [state] : null;
    const r = await this.queries.passesStore(ctx.principal.tenantId).list({ type: 'pass_plan', lifeCycles, currency, search, ascending, ...p });
    return { items: r.items.map(toPassPlan), total: r.total, hasMore: p.offset + r.items.length < r.total };
  }

  @Authorized(['rewards.read'])
  @Query(() => Pass, { nullable: true, description: 'A pass by id (its code is not shown: only its last 4 characters).' })
  async pass(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Pass | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    if (!canonical) return null;
    const v = await this.queries.passesStore(ctx.principal.tenantId).get('pass', canonical);
    return v ? toPass(v) : null;
  }

  @Authorized(['rewards.read'])
  @Query(() => PassPage, { description: 'Passes, newest first; of one plan, state or redeeming contact.' })
  async passes(
    @Arg('planId', () => ID, { nullable: true }) planId: string | null,
    @Arg('state', () => String, { nullable: true }) state: string | null,
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Arg('page', () => Int, { defaultValue: 1 }) pageNo: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PassPage> {
    await this.consistency.before(ctx);
    const p = page(pageNo, size);
    const r = await this.queries.passesStore(ctx.principal.tenantId).list({
      type: 'pass',
      schemeId: planId ? (canonicalId(planId) ?? '-') : null,
      contactId: contactId ? (canonicalId(contactId) ?? '-') : null,
      lifeCycles: state ? [state] : null,
      ...p,
    });
    return { items: r.items.map(toPass), total: r.total, hasMore: p.offset + r.items.length < r.total };
  }

  @Authorized([PUBLIC])
  @Query(() => Pass, { nullable: true, description: 'A PROMOTION pass by the view token given at its issue (no other credential).' })
  async promoPass(@Arg('token', () => String) token: string, @Ctx() ctx: SubgraphContext): Promise<Pass | null> {
    if (!token || token.length > 200) return null;
    const hash = createHash('sha256').update(`pass-view\u0000${token}`).digest('hex');
    const v = await this.queries.passesStore(ctx.principal.tenantId).byViewTokenHash(hash);
    return v ? toPass(v) : null;
  }

  @Authorized([PUBLIC])
  @Query(() => Promotion, { nullable: true, description: 'A promotion by id (others than staff see ACTIVE ones only).' })
  async promotion(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Promotion | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    if (!canonical) return null;
    const v = await this.queries.passesStore(ctx.principal.tenantId).get('promotion', canonical);
    if (!v || v.lifeCycle === 'DELETED' || (!isStaff(ctx) && v.lifeCycle !== 'ACTIVE')) return null;
    return toPromotion(v);
  }

  @Authorized([PUBLIC])
  @Query(() => PromotionPage, {
    description: 'Promotions, newest first (others than staff see ACTIVE ones within their availability); by tag, organisation or name.',
  })
  async promotions(
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('tag', () => String, { nullable: true }) tag: string | null,
    @Arg('organisationId', () => String, { nullable: true }) organisationId: string | null,
    @Arg('state', () => String, { nullable: true }) state: string | null,
    @Arg('ascending', () => Boolean, { defaultValue: false }) ascending: boolean,
    @Arg('page', () => Int, { defaultValue: 1 }) pageNo: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PromotionPage> {
    await this.consistency.before(ctx);
    const p = page(pageNo, size);
    const staff = isStaff(ctx);
    const r = await this.queries.passesStore(ctx.principal.tenantId).list({
      type: 'promotion',
      lifeCycles: !staff ? ['ACTIVE'] : state ? [state] : ['ACTIVE', 'INACTIVE'],
      search,
      tag,
      organisationId,
      availableAt: staff ? null : new Date(),
      ascending,
      ...p,
    });
    return { items: r.items.map(toPromotion), total: r.total, hasMore: p.offset + r.items.length < r.total };
  }
}
