import type { DataSource } from 'typeorm';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { canonicalId } from '@crm/platform/ids';
import { SELF } from '@crm/platform/auth';
import { Authorized, waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import { GIVING_TYPES, GivingViewStore } from './store';
import type { DonationDoc, DonationOfferDoc, GivingView, OptInDoc, ReferralDoc } from './projection';
import {
  CharityOrganisation,
  ContactDonationPage,
  DonationOffer,
  DonationOfferPage,
  DonationRecord,
  DonationRecordPage,
  ReferralPage,
} from './types';

/** The giving read side's store per tenant and its consistency waits. */
export class GivingQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  store(tenantId: string): GivingViewStore {
    return new GivingViewStore(this.dataSource.manager, tenantId);
  }

  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const store = this.store(tenantId);
    const wanted = tokens.filter((t) => GIVING_TYPES.includes(t.aggregateType));
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

function toOffer(v: GivingView): DonationOffer {
  const d = v.data as DonationOfferDoc;
  return {
    id: v.id,
    name: d.name,
    shortDescription: d.shortDescription,
    longDescription: d.longDescription,
    termsAndConditions: d.termsAndConditions,
    donationType: d.donationType,
    offerType: d.offerType,
    rule: d.rule,
    percent: d.percent,
    termedAmount: d.termedAmount,
    currency: d.currency,
    organisation: d.organisation,
    state: d.state,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

function toRecord(v: GivingView): DonationRecord {
  const d = v.data as DonationDoc;
  return {
    id: v.id,
    contactId: d.contactId,
    offerId: d.offerId,
    offerName: d.offerName,
    organisation: d.organisation,
    amount: d.amount,
    currency: d.currency,
    outcome: d.outcome,
    transactionId: d.transactionId,
    purchaseId: d.purchaseId,
    period: d.period,
    createdAt: v.createdAt,
  };
}

const EMPTY = { items: [], total: 0, hasMore: false };

@Resolver()
export class GivingQueriesResolver {
  constructor(
    private readonly queries: GivingQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  /** The contact asked about: a contact only ever itself (another contact: null, answered as nothing). */
  private contactOf(ctx: SubgraphContext, asked: string | null | undefined): string | null {
    const id = asked ? canonicalId(asked) : null;
    if (ctx.principal.kind === 'contact') return !asked || id === ctx.principal.subjectId ? ctx.principal.subjectId : null;
    return id;
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => DonationOfferPage, { description: 'Donation offers, newest first (a contact sees ACTIVE ones only).' })
  async donationOffers(
    @Arg('organisationId', () => String, { nullable: true }) organisationId: string | null,
    @Arg('donationTypes', () => [String], { nullable: true }) donationTypes: string[] | null,
    @Arg('offerTypes', () => [String], { nullable: true }) offerTypes: string[] | null,
    @Arg('offerId', () => String, { nullable: true }) offerId: string | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('state', () => String, { nullable: true }) state: string | null,
    @Arg('ascending', () => Boolean, { defaultValue: false }) ascending: boolean,
    @Arg('page', () => Int, { defaultValue: 1 }) pageNo: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DonationOfferPage> {
    await this.consistency.before(ctx);
    const p = page(pageNo, size);
    const store = this.queries.store(ctx.principal.tenantId);
    if (offerId) {
      const id = canonicalId(offerId);
      const v = id ? await store.get('donation_offer', id) : null;
      const visible = v && (ctx.principal.kind !== 'contact' || v.lifeCycle === 'ACTIVE') && (!state || v.lifeCycle === state);
      return visible ? { items: [toOffer(v)], total: 1, hasMore: false } : EMPTY;
    }
    const lifeCycle = ctx.principal.kind === 'contact' ? 'ACTIVE' : state;
    const { items, total } = await store.list({
      type: 'donation_offer',
      organisationId,
      donationTypes,
      offerTypes,
      search,
      lifeCycles: lifeCycle ? [lifeCycle] : null,
      ascending,
      ...p,
    });
    return { items: items.map(toOffer), total, hasMore: p.offset + items.length < total };
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => DonationOffer, { nullable: true, description: 'A donation offer by id (a contact sees ACTIVE ones only).' })
  async donationOffer(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<DonationOffer | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    if (!canonical) return null;
    const v = await this.queries.store(ctx.principal.tenantId).get('donation_offer', canonical);
    if (!v || (ctx.principal.kind === 'contact' && v.lifeCycle !== 'ACTIVE')) return null;
    return toOffer(v);
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => [CharityOrganisation], { description: 'The charity organisations of the ACTIVE donation offers.' })
  async donationOrganisations(
    @Arg('offerTypes', () => [String], { nullable: true }) offerTypes: string[] | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CharityOrganisation[]> {
    await this.consistency.before(ctx);
    return this.queries.store(ctx.principal.tenantId).organisations(offerTypes?.length ? offerTypes : null);
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => ContactDonationPage, {
    description: 'A contact’s donation opt-ins (opted-out ones too with includeOptOut), with what each has given.',
  })
  async contactDonations(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('includeOptOut', () => Boolean, { defaultValue: false }) includeOptOut: boolean,
    @Arg('donationOfferId', () => String, { nullable: true }) donationOfferId: string | null,
    @Arg('ascending', () => Boolean, { defaultValue: false }) ascending: boolean,
    @Arg('page', () => Int, { defaultValue: 1 }) pageNo: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactDonationPage> {
    await this.consistency.before(ctx);
    const contact = this.contactOf(ctx, contactId);
    if (!contact) return EMPTY;
    const p = page(pageNo, size);
    const store = this.queries.store(ctx.principal.tenantId);
    const offerFilter = donationOfferId ? canonicalId(donationOfferId) : null;
    if (donationOfferId && !offerFilter) return EMPTY;
    const { items, total } = await store.list({
      type: 'donation_opt_in',
      contactId: contact,
      offerId: offerFilter,
      lifeCycles: includeOptOut ? null : ['ACTIVE'],
      ascending,
      ...p,
    });
    const totals = await store.totals(items.map((v) => v.id));
    const offers = new Map<string, GivingView | null>();
    for (const v of items) if (v.offerId && !offers.has(v.offerId)) offers.set(v.offerId, await store.get('donation_offer', v.offerId));
    return {
      items: items.map((v) => {
        const d = v.data as OptInDoc;
        const offer = offers.get(d.offerId);
        const o = offer ? (offer.data as DonationOfferDoc) : null;
        const t = totals.get(v.id);
        return {
          id: v.id,
          contactId: contact,
          offerId: d.offerId,
          offerName: o?.name ?? null,
          organisation: o?.organisation ?? null,
          optedIn: d.optedIn,
          optedInAt: new Date(d.optedInAt),
          optedOutAt: d.optedOutAt ? new Date(d.optedOutAt) : null,
          multiplier: d.multiplier,
          amount: d.amount,
          currency: o?.currency ?? null,
          donations: t?.count ?? 0,
          donated: t?.sum ?? '0',
        };
      }),
      total,
      hasMore: p.offset + items.length < total,
    };
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => DonationRecordPage, { description: 'The donations debited from a contact’s wallet, newest first (a contact: its own).' })
  async donationHistory(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('organisationId', () => String, { nullable: true }) organisationId: string | null,
    @Arg('ascending', () => Boolean, { defaultValue: false }) ascending: boolean,
    @Arg('page', () => Int, { defaultValue: 1 }) pageNo: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DonationRecordPage> {
    await this.consistency.before(ctx);
    const contact = this.contactOf(ctx, contactId);
    if (!contact) return EMPTY;
    const p = page(pageNo, size);
    const { items, total } = await this.queries
      .store(ctx.principal.tenantId)
      .list({ type: 'donation', contactId: contact, organisationId, lifeCycles: ['POSTED'], ascending, ...p });
    return { items: items.map(toRecord), total, hasMore: p.offset + items.length < total };
  }

  @Authorized(['rewards.read', SELF])
  @Query(() => ReferralPage, { description: 'The referrals a contact made (its referred contacts and the awards it earned), newest first.' })
  async referrals(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('page', () => Int, { defaultValue: 1 }) pageNo: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReferralPage> {
    await this.consistency.before(ctx);
    const contact = this.contactOf(ctx, contactId);
    if (!contact) return EMPTY;
    const p = page(pageNo, size);
    const { items, total } = await this.queries.store(ctx.principal.tenantId).list({ type: 'referral', contactId: contact, ...p });
    return {
      items: items.map((v) => {
        const d = v.data as ReferralDoc;
        return {
          id: v.id,
          referrerId: d.referrerId,
          referredId: d.referredId,
          code: d.code,
          awards: d.awards.map((a) => ({
            offerId: a.offerId,
            amount: a.amount,
            currency: a.currency,
            outcome: a.outcome,
            transactionId: a.transactionId,
          })),
          createdAt: v.createdAt,
        };
      }),
      total,
      hasMore: p.offset + items.length < total,
    };
  }
}
