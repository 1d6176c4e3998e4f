import type { DataSource } from 'typeorm';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { canonicalId } from '@crm/platform/ids';
import { SELF } from '@crm/platform/auth';
import { Authorized, waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import { REWARD_TYPES, RewardViewStore } from '../persistence/reward-views';
import { PassesViewStore } from '../persistence/passes-views';
import type { MembershipDoc, OfferDoc, PurchaseDoc, PurchaseStepDoc, RewardView, SchemeDoc, TokenDoc } from '../projections/reward-view.projection';
import { ContactToken, Purchase, RewardOfferPerformance, PurchasePage, PurchaseStepView, RewardOffer, RewardOfferPage, RewardScheme } from './types';

/** Sums signed decimal strings exactly (scaled to the most decimals among them). */
export function sumDecimals(values: { value: string; sign: 1 | -1 }[], decimals = 2): string {
  const scale = Math.max(decimals, ...values.map((v) => (v.value.split('.')[1] ?? '').length));
  const toUnits = (v: string) => {
    const [w, f = ''] = v.split('.');
    return BigInt(w!) * 10n ** BigInt(scale) + BigInt(f.padEnd(scale, '0') || '0');
  };
  const total = values.reduce((n, v) => n + BigInt(v.sign) * toUnits(v.value), 0n);
  const neg = total < 0n;
  const s = (neg ? -total : total).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -scale)}.${s.slice(-scale)}`;
}

const step = (s: PurchaseStepDoc): PurchaseStepView => ({ ...s, expiresAt: s.expiresAt ? new Date(s.expiresAt) : null });

export function toPurchase(v: RewardView): Purchase {
  const d = v.data as PurchaseDoc;
  const awardKeys = new Set(d.steps.filter((s) => s.kind === 'AWARD').map((s) => s.key));
  const counted = d.steps
    .filter((s) => s.outcome === 'POSTED')
    .filter((s) => s.kind !== 'REVERSE' || (s.reverses !== null && awardKeys.has(s.reverses)))
    .map((s) => ({ value: s.amount, sign: s.kind === 'AWARD' ? (1 as const) : (-1 as const) }));
  return {
    id: v.id,
    referenceNumber: d.referenceNumber,
    contactId: d.contactId,
    organisationId: d.organisationId,
    currency: d.currency,
    state: d.state,
    amounts: d.amounts,
    classification: d.classification,
    products: d.products,
    spend: d.spend,
    awarded: sumDecimals(counted),
    steps: d.steps.map(step),
    returns: d.returns,
    explanation: { evaluations: d.evaluations, resolutions: d.resolutions, postings: d.steps.map(step) },
    purchasedAt: new Date(d.purchasedAt),
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

function toOffer(v: RewardView, schemeName: string | null): RewardOffer {
  const d = v.data as OfferDoc;
  return { ...d, id: v.id, schemeName, createdAt: v.createdAt, updatedAt: v.updatedAt };
}

function toScheme(v: RewardView, membership: RewardView | undefined, asked: boolean): RewardScheme {
  const d = v.data as SchemeDoc;
  const m = membership ? (membership.data as MembershipDoc) : null;
  const state = m?.signedUp ? (m.verified ? 'ACTIVE' : 'PENDING') : null;
  return {
    ...d,
    id: v.id,
    isSigned: asked ? d.signUpOption === 'AUTO_SIGN_UP' || state === 'ACTIVE' : null,
    membership: asked ? (d.signUpOption === 'AUTO_SIGN_UP' && !state ? 'ACTIVE' : state) : null,
    signedUpAt: state && membership ? membership.createdAt : null,
    signedUpEmail: state && m ? m.emailAddress : null,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

/** Read-side queries over `reward_views`, honouring consistency tokens. */
export class RewardQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  store(tenantId: string): RewardViewStore {
    return new RewardViewStore(this.dataSource.manager, tenantId);
  }

  /** Pass plans, passes and promotions of one tenant. */
  passesStore(tenantId: string): PassesViewStore {
    return new PassesViewStore(this.dataSource.manager, tenantId);
  }

  /** Waits until every rewards token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const store = this.store(tenantId);
    const wanted = tokens.filter((t) => REWARD_TYPES.includes(t.aggregateType));
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => store.versionOf(t.aggregateType, t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${t.aggregateType}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }
}

const page = (p: number, size: number) => ({
  offset: (Math.max(1, p) - 1) * Math.min(Math.max(1, size), 100),
  limit: Math.min(Math.max(1, size), 100),
});

@Resolver()
export class RewardQueriesResolver {
  constructor(
    private readonly queries: RewardQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  /** The contact a request is about: a contact principal only ever itself. */
  private contactOf(ctx: SubgraphContext, asked: string | null | undefined): string | null {
    if (ctx.principal.kind === 'contact') return ctx.principal.subjectId;
    return asked ? canonicalId(asked) : null;
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => RewardScheme, {
    nullable: true,
    description: 'A reward scheme by id (with the contact’s membership when contactId is given; a contact sees its own).',
  })
  async rewardScheme(
    @Arg('id', () => ID) id: string,
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardScheme | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    if (!canonical) return null;
    const store = this.queries.store(ctx.principal.tenantId);
    const v = await store.get('reward_scheme', canonical);
    if (!v) return null;
    const contact = this.contactOf(ctx, contactId);
    const memberships = contact ? await store.memberships(contact) : [];
    return toScheme(
      v,
      memberships.find((m) => m.schemeId === v.id),
      contact !== null,
    );
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => [RewardScheme], {
    description: 'Reward schemes (a contact sees the ACTIVE ones, each with its membership); isSigned filters on the contact’s.',
  })
  async rewardSchemes(
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Arg('isSigned', () => Boolean, { nullable: true }) isSigned: boolean | null,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardScheme[]> {
    await this.consistency.before(ctx);
    const store = this.queries.store(ctx.principal.tenantId);
    const contact = this.contactOf(ctx, contactId);
    // a contact asking about another contact learns nothing
    if (ctx.principal.kind === 'contact' && contactId && canonicalId(contactId) !== contact) return [];
    const { items } = await store.list({
      type: 'reward_scheme',
      lifeCycle: ctx.principal.kind === 'contact' ? 'ACTIVE' : null,
      name,
      offset: 0,
      limit: 100,
    });
    const memberships = contact ? await store.memberships(contact) : [];
    const schemes = items.map((v) =>
      toScheme(
        v,
        memberships.find((m) => m.schemeId === v.id),
        contact !== null,
      ),
    );
    return isSigned === null || contact === null ? schemes : schemes.filter((s) => s.isSigned === isSigned);
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => RewardOffer, { nullable: true, description: 'A reward offer by id (a contact sees ACTIVE offers only).' })
  async rewardOffer(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<RewardOffer | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    if (!canonical) return null;
    const store = this.queries.store(ctx.principal.tenantId);
    const v = await store.get('reward_offer', canonical);
    if (!v || (ctx.principal.kind === 'contact' && v.lifeCycle !== 'ACTIVE')) return null;
    const scheme = v.schemeId ? await store.get('reward_scheme', v.schemeId) : null;
    return toOffer(v, scheme ? (scheme.data as SchemeDoc).name : null);
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => RewardOfferPage, { description: 'Reward offers, newest first (a contact sees ACTIVE offers only).' })
  async rewardOffers(
    @Arg('schemeId', () => ID, { nullable: true }) schemeId: string | null,
    @Arg('state', () => String, { nullable: true }) state: string | null,
    @Arg('page', () => Int, { defaultValue: 1 }) pageNo: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardOfferPage> {
    await this.consistency.before(ctx);
    const store = this.queries.store(ctx.principal.tenantId);
    const p = page(pageNo, size);
    const { items, total } = await store.list({
      type: 'reward_offer',
      schemeId: schemeId ? canonicalId(schemeId) : null,
      lifeCycle: ctx.principal.kind === 'contact' ? 'ACTIVE' : state,
      ...p,
    });
    const names = new Map<string, string | null>();
    for (const v of items) {
      if (v.schemeId && !names.has(v.schemeId)) {
        const s = await store.get('reward_scheme', v.schemeId);
        names.set(v.schemeId, s ? (s.data as SchemeDoc).name : null);
      }
    }
    return {
      items: items.map((v) => toOffer(v, v.schemeId ? (names.get(v.schemeId) ?? null) : null)),
      total,
      hasMore: p.offset + items.length < total,
    };
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => RewardOfferPerformance, {
    nullable: true,
    description: 'What an offer has awarded a contact (a contact: itself); null when there is no such offer.',
  })
  async rewardOfferPerformance(
    @Arg('id', () => ID) id: string,
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardOfferPerformance | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    const contact = this.contactOf(ctx, contactId);
    if (!canonical || !contact) return null;
    const store = this.queries.store(ctx.principal.tenantId);
    const offer = await store.get('reward_offer', canonical);
    if (!offer || (ctx.principal.kind === 'contact' && offer.lifeCycle !== 'ACTIVE')) return null;
    const values: { value: string; sign: 1 | -1 }[] = [];
    for (const v of await store.purchasesOf(contact)) {
      for (const s of (v.data as PurchaseDoc).steps) {
        if (s.offerId !== canonical || s.outcome !== 'POSTED') continue;
        values.push({ value: s.amount, sign: s.kind === 'AWARD' ? 1 : -1 });
      }
    }
    const current = sumDecimals(values);
    const cap = (offer.data as OfferDoc).caps.perContact?.amount ?? null;
    return { type: 'AMOUNT', current, target: cap, progress: cap ? Math.min(1, Number(current) / Number(cap)) : null };
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => [String], { description: 'The organisations (merchants) the active offers name.' })
  async rewardMerchants(@Ctx() ctx: SubgraphContext): Promise<string[]> {
    await this.consistency.before(ctx);
    return this.queries.store(ctx.principal.tenantId).merchantIds();
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => [ContactToken], { description: 'A contact’s live tokens (a contact sees its own).' })
  async contactTokens(@Arg('contactId', () => ID) contactId: string, @Ctx() ctx: SubgraphContext): Promise<ContactToken[]> {
    await this.consistency.before(ctx);
    const contact = this.contactOf(ctx, contactId);
    if (!contact || (ctx.principal.kind === 'contact' && canonicalId(contactId) !== contact)) return [];
    const tokens = await this.queries.store(ctx.principal.tenantId).liveTokens(contact);
    return tokens.map((v) => {
      const d = v.data as TokenDoc;
      return { id: v.id, intent: d.intent, spendAmount: d.spendAmount, expiresAt: new Date(d.expiresAt) };
    });
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => Purchase, { nullable: true, description: 'A purchase by id, with its steps and explanation (a contact sees its own only).' })
  async purchase(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Purchase | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    if (!canonical) return null;
    const v = await this.queries.store(ctx.principal.tenantId).get('purchase', canonical);
    if (!v || (ctx.principal.kind === 'contact' && v.contactId !== ctx.principal.subjectId)) return null;
    return toPurchase(v);
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => PurchasePage, { description: 'Purchases, newest first; of one contact when contactId is given (a contact sees its own only).' })
  async purchases(
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Arg('page', () => Int, { defaultValue: 1 }) pageNo: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PurchasePage> {
    await this.consistency.before(ctx);
    const contact = this.contactOf(ctx, contactId);
    if (contactId && !contact) return { items: [], total: 0, hasMore: false };
    if (ctx.principal.kind === 'contact' && contactId && canonicalId(contactId) !== contact) return { items: [], total: 0, hasMore: false };
    const p = page(pageNo, size);
    const { items, total } = await this.queries.store(ctx.principal.tenantId).list({ type: 'purchase', contactId: contact, ...p });
    return { items: items.map(toPurchase), total, hasMore: p.offset + items.length < total };
  }
}
