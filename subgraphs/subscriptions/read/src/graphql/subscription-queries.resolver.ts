import type { DataSource } from 'typeorm';
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { canonicalId } from '@crm/platform/ids';
import { AppError } from '@crm/platform/errors';
import { SELF } from '@crm/platform/auth';
import { waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import {
  DEVICE_AGGREGATE,
  SUBSCRIPTION_AGGREGATE,
  SUBSCRIPTION_STATES,
  PROVISIONING_COMMAND_AGGREGATE,
  USAGE_ALLOWANCE_AGGREGATE,
  USAGE_RECORD_AGGREGATE,
} from '@crm/event-bus/contracts/subscriptions';
import { SubscriptionViewStore } from '../persistence/subscription-views';
import { DeviceViewStore } from '../persistence/device-views';
import { UsageViewStore } from '../persistence/usage-views';
import { ProvisioningViewStore } from '../persistence/provisioning-views';
import type { ActionView, ServiceView, SubscriptionView } from '../projections/subscription-view.projection';
import { Service, Subscription, SubscriptionActionRecord, SubscriptionPage } from './types';

const date = (iso: string | null): Date | null => (iso ? new Date(iso) : null);

/** A service as GraphQL shows it; trial and contract states are read at `now`. */
export function toService(v: SubscriptionView, s: ServiceView, now: Date): Service {
  const trialEndsAt = date(s.trialEndsAt);
  const contractEndsAt = date(s.contractEndsAt);
  return {
    id: s.id,
    subscriptionId: v.id,
    contactId: v.contactId,
    productId: s.productId,
    priceTermsId: s.priceTermsId,
    quantity: s.quantity,
    state: s.state,
    trialState: trialEndsAt ? (trialEndsAt > now ? 'IN_TRIAL' : 'TRIAL_ENDED') : null,
    trialEndsAt,
    contractEndsAt,
    inContract: contractEndsAt !== null && contractEndsAt > now,
    autoRenewal: s.autoRenewal,
    firstEffectiveAt: date(s.firstEffectiveAt),
    updatedAt: new Date(s.updatedAt),
  };
}

const toSubscription = (v: SubscriptionView, now: Date): Subscription => ({
  id: v.id,
  contactId: v.contactId,
  accountId: v.accountId,
  state: v.state,
  billingDay: v.billingDay,
  paymentMethodType: v.paymentMethodType,
  paymentMethodId: v.paymentMethodId,
  services: v.services.map((s) => toService(v, s, now)),
  createdAt: v.createdAt,
  updatedAt: v.updatedAt,
});

const toAction = (v: SubscriptionView, a: ActionView): SubscriptionActionRecord => ({
  id: a.id,
  subscriptionId: v.id,
  contactId: v.contactId,
  serviceId: a.serviceId,
  scope: a.scope,
  action: a.action,
  state: a.state,
  scheduledDate: date(a.scheduledDate),
  usedProposedDate: a.usedProposedDate,
  executedAt: date(a.executedAt),
  rejectionReason: a.rejectionReason,
  createdAt: new Date(a.createdAt),
  updatedAt: new Date(a.updatedAt),
});

/** A signed-in contact sees its own subscriptions only; everyone else the tenant's. */
const ownerOf = (ctx: SubgraphContext): string | null => (ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null);
const visible = (ctx: SubgraphContext, v: SubscriptionView | null): SubscriptionView | null => {
  const owner = ownerOf(ctx);
  return v && (owner === null || v.contactId === owner) ? v : null;
};

const MAX_PAGE = 100;
const MAX_CONTACT_SUBSCRIPTIONS = 1000;

function idOrNull(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const id = canonicalId(value);
  if (!id) throw AppError.validation(field, 'must be a UUID', 'INVALID_ID');
  return id;
}

/** Read-side queries over the read model, honouring consistency tokens. */
export class SubscriptionQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  store(tenantId: string): SubscriptionViewStore {
    return new SubscriptionViewStore(this.dataSource.manager, tenantId);
  }

  devices(tenantId: string): DeviceViewStore {
    return new DeviceViewStore(this.dataSource.manager, tenantId);
  }

  usage(tenantId: string): UsageViewStore {
    return new UsageViewStore(this.dataSource.manager, tenantId);
  }

  provisioning(tenantId: string): ProvisioningViewStore {
    return new ProvisioningViewStore(this.dataSource.manager, tenantId);
  }

  /** Waits until every subscription, device, usage and provisioning token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const store = this.store(tenantId);
    const devices = this.devices(tenantId);
    const usage = this.usage(tenantId);
    const ours = new Set([
      SUBSCRIPTION_AGGREGATE,
      DEVICE_AGGREGATE,
      USAGE_RECORD_AGGREGATE,
      USAGE_ALLOWANCE_AGGREGATE,
      PROVISIONING_COMMAND_AGGREGATE,
    ]);
    const versionOf = (t: ConsistencyToken): Promise<number> =>
      t.aggregateType === DEVICE_AGGREGATE
        ? devices.versionOf(t.aggregateId)
        : t.aggregateType === SUBSCRIPTION_AGGREGATE
          ? store.versionOf(t.aggregateId)
          : t.aggregateType === PROVISIONING_COMMAND_AGGREGATE
            ? this.provisioning(tenantId).versionOf(t.aggregateId)
            : usage.versionOf(t.aggregateType, t.aggregateId);
    const wanted = tokens.filter((t) => ours.has(t.aggregateType));
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => versionOf(t),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${t.aggregateType}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }
}

@Resolver()
export class SubscriptionQueriesResolver {
  constructor(
    private readonly queries: SubscriptionQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['subscriptions.read', SELF])
  @Query(() => Subscription, { nullable: true, description: 'A subscription by id; null when the tenant has none.' })
  async subscription(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Subscription | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    const v = visible(ctx, canonical ? await this.queries.store(ctx.principal.tenantId).get(canonical) : null);
    return v ? toSubscription(v, new Date()) : null;
  }

  @Authorized(['subscriptions.read', SELF])
  @Query(() => SubscriptionPage, { description: "The tenant's subscriptions, optionally one contact's and/or in one state, oldest first." })
  async subscriptions(
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Arg('state', () => String, { nullable: true }) state: string | null,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SubscriptionPage> {
    await this.consistency.before(ctx);
    state = state ?? null;
    if (state !== null && !(SUBSCRIPTION_STATES as readonly string[]).includes(state))
      throw AppError.validation('state', `must be one of ${SUBSCRIPTION_STATES.join(', ')}`, 'INVALID_ENUM');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
      throw AppError.validation('limit', `must be 1 to ${MAX_PAGE}`, 'INVALID_PAGE_SIZE');
    if (!Number.isInteger(offset) || offset < 0) throw AppError.validation('offset', 'must be 0 or more', 'INVALID_OFFSET');
    const asked = idOrNull('contactId', contactId);
    const owner = ownerOf(ctx);
    if (owner !== null && asked !== null && asked !== owner) return { items: [], total: 0 };
    const filter = { contactId: owner ?? asked, state };
    const store = this.queries.store(ctx.principal.tenantId);
    const [rows, total] = await Promise.all([store.list(filter, limit, offset), store.count(filter)]);
    const now = new Date();
    return { items: rows.map((v) => toSubscription(v, now)), total };
  }

  @Authorized(['subscriptions.read', SELF])
  @Query(() => [Service], { description: "A contact's services across its subscriptions, optionally in one state (oldest subscription first)." })
  async contactServices(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('state', () => String, { nullable: true }) state: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Service[]> {
    await this.consistency.before(ctx);
    const id = canonicalId(contactId);
    if (!id) return [];
    const owner = ownerOf(ctx);
    if (owner !== null && id !== owner) return [];
    state = state ?? null;
    const rows = await this.queries.store(ctx.principal.tenantId).list({ contactId: id, state: null }, MAX_CONTACT_SUBSCRIPTIONS, 0);
    const now = new Date();
    return rows.flatMap((v) => v.services.filter((s) => state === null || s.state === state).map((s) => toService(v, s, now)));
  }

  @Authorized(['subscriptions.read', SELF])
  @Query(() => Service, { nullable: true, description: 'A service by id; null when the tenant has none.' })
  async service(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Service | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    const v = visible(ctx, canonical ? await this.queries.store(ctx.principal.tenantId).ofService(canonical) : null);
    const s = v?.services.find((x) => x.id === canonical);
    return v && s ? toService(v, s, new Date()) : null;
  }

  @Authorized(['subscriptions.read', SELF])
  @Query(() => [SubscriptionActionRecord], {
    description:
      'Subscription actions, newest first: of one service, one subscription or one contact (at least one filter), optionally in one state.',
  })
  async subscriptionActions(
    @Arg('serviceId', () => ID, { nullable: true }) serviceId: string | null,
    @Arg('subscriptionId', () => ID, { nullable: true }) subscriptionId: string | null,
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Arg('state', () => String, { nullable: true }) state: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SubscriptionActionRecord[]> {
    await this.consistency.before(ctx);
    const store = this.queries.store(ctx.principal.tenantId);
    const sid = idOrNull('serviceId', serviceId);
    const subId = idOrNull('subscriptionId', subscriptionId);
    const cid = idOrNull('contactId', contactId);
    state = state ?? null;
    if (!sid && !subId && !cid) throw AppError.validation('serviceId', 'give serviceId, subscriptionId or contactId', 'REQUIRED');
    let views: SubscriptionView[];
    if (sid) views = [await store.ofService(sid)].filter((v): v is SubscriptionView => v !== null);
    else if (subId) views = [await store.get(subId)].filter((v): v is SubscriptionView => v !== null);
    else views = await store.list({ contactId: cid, state: null }, MAX_CONTACT_SUBSCRIPTIONS, 0);
    return views
      .filter((v) => visible(ctx, v) !== null)
      .filter((v) => (subId ? v.id === subId : true) && (cid ? v.contactId === cid : true))
      .flatMap((v) => v.actions.filter((a) => (sid ? a.serviceId === sid : true) && (state === null || a.state === state)).map((a) => toAction(v, a)))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  }

  @Authorized(['subscriptions.read', SELF])
  @Query(() => SubscriptionActionRecord, { nullable: true, description: 'A subscription action by id; null when the tenant has none.' })
  async subscriptionAction(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<SubscriptionActionRecord | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    const v = visible(ctx, canonical ? await this.queries.store(ctx.principal.tenantId).ofAction(canonical) : null);
    const a = v?.actions.find((x) => x.id === canonical);
    return v && a ? toAction(v, a) : null;
  }
}
