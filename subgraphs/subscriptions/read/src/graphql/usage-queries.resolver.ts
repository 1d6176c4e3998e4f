import { Arg, Authorized, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { canonicalId } from '@crm/platform/ids';
import { AppError } from '@crm/platform/errors';
import { SELF } from '@crm/platform/auth';
import type { ReadConsistency, SubgraphContext } from '@crm/platform/graphql';
import { decimalString, USAGE_BILLING_DIRECTIVES } from '@crm/event-bus/contracts/subscriptions';
import { UsageViewStore, type UsageFilter } from '../persistence/usage-views';
import type { UsageRecordView } from '../projections/usage-views.projection';
import { billingCycleStart, estimateAllowance } from '../projections/allowance-estimate';
import type { SubscriptionQueries } from './subscription-queries.resolver';

@ObjectType({ description: 'A usage detail record (amounts exact decimal strings).' })
export class UsageRecord {
  @Field(() => ID) id: string;
  @Field(() => ID) contactId: string;
  @Field(() => ID) subscriptionId: string;
  @Field(() => ID) serviceId: string;
  @Field(() => String) usageProductId: string;
  @Field(() => String) usageAmount: string;
  @Field(() => String, { nullable: true }) measurementUnit: string | null;
  @Field(() => Date) usageTimestamp: Date;
  @Field(() => String, { nullable: true }) chargedAmount: string | null;
  @Field(() => String, { nullable: true }) currencyCode: string | null;
  @Field(() => String) billingDirective: string;
  @Field(() => Date) createdAt: Date;
}

@ObjectType()
export class UsageRecordPage {
  @Field(() => [UsageRecord]) items: UsageRecord[];
  @Field(() => Int) total: number;
}

@ObjectType({ description: 'Total usage of one usage product (an exact decimal string).' })
export class UsageTotal {
  @Field(() => String) usageProductId: string;
  @Field(() => String) amount: string;
}

@InputType()
export class RequestedUsageInput {
  @Field(() => String) productId: string;
  @Field(() => String, { description: 'An exact decimal string.' }) amount: string;
}

@ObjectType({ description: 'What remains of a usage allowance for one product (exact decimal strings; null = no limit).' })
export class RemainingAllowance {
  @Field(() => String) productId: string;
  @Field(() => String, { nullable: true }) measurementUnit: string | null;
  @Field(() => String, { nullable: true }) perTransaction: string | null;
  @Field(() => String, { nullable: true }) perDay: string | null;
  @Field(() => String, { nullable: true }) perBillingCycle: string | null;
}

@ObjectType()
export class AuthorisedUsage {
  @Field(() => String) productId: string;
  @Field(() => String) requested: string;
  @Field(() => String) authorised: string;
}

@ObjectType({ description: "A usage allowance estimate for one of a contact's services." })
export class UsageAllowanceEstimate {
  @Field(() => ID) serviceId: string;
  @Field(() => String) productId: string;
  @Field(() => [RemainingAllowance]) products: RemainingAllowance[];
  @Field(() => [AuthorisedUsage]) authorised: AuthorisedUsage[];
  @Field(() => Boolean) authoriseConsumption: boolean;
}

const MAX_PAGE = 100;
const ownerOf = (ctx: SubgraphContext): string | null => (ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null);
const idOrNull = (field: string, v: string | null | undefined): string | null => {
  if (v === null || v === undefined) return null;
  const id = canonicalId(v);
  if (!id) throw AppError.validation(field, 'must be a UUID', 'INVALID_ID');
  return id;
};
const toRecord = (v: UsageRecordView): UsageRecord => ({ ...v, usageTimestamp: new Date(v.usageTimestamp), createdAt: new Date(v.createdAt) });

@Resolver()
export class UsageQueriesResolver {
  constructor(
    private readonly queries: SubscriptionQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  private store(ctx: SubgraphContext): UsageViewStore {
    return this.queries.usage(ctx.principal.tenantId);
  }

  /** The filter for a contact's usage; a signed-in contact sees its own only (another contact's: nothing). */
  private filterOf(ctx: SubgraphContext, contactId: string, rest: Partial<UsageFilter>): UsageFilter | null {
    const contact = canonicalId(contactId);
    const owner = ownerOf(ctx);
    if (!contact || (owner !== null && owner !== contact)) return null;
    return { contactId: contact, serviceId: null, subscriptionId: null, billingDirective: null, from: null, to: null, ...rest };
  }

  @Authorized(['subscriptions.read', SELF])
  @Query(() => UsageRecordPage, { description: "A contact's usage records, newest first by default." })
  async usageRecords(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('serviceId', () => ID, { nullable: true }) serviceId: string | null,
    @Arg('subscriptionId', () => ID, { nullable: true }) subscriptionId: string | null,
    @Arg('billingDirective', () => String, { nullable: true }) billingDirective: string | null,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('newestFirst', () => Boolean, { defaultValue: true }) newestFirst: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UsageRecordPage> {
    await this.consistency.before(ctx);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
      throw AppError.validation('limit', `must be 1 to ${MAX_PAGE}`, 'INVALID_PAGE_SIZE');
    if (!Number.isInteger(offset) || offset < 0) throw AppError.validation('offset', 'must be 0 or more', 'INVALID_OFFSET');
    if (billingDirective != null && !(USAGE_BILLING_DIRECTIVES as readonly string[]).includes(billingDirective))
      throw AppError.validation('billingDirective', `must be one of ${USAGE_BILLING_DIRECTIVES.join(', ')}`, 'INVALID_ENUM');
    const filter = this.filterOf(ctx, contactId, {
      serviceId: idOrNull('serviceId', serviceId),
      subscriptionId: idOrNull('subscriptionId', subscriptionId),
      billingDirective: billingDirective ?? null,
      from: from ?? null,
      to: to ?? null,
    });
    if (!filter) return { items: [], total: 0 };
    const page = await this.store(ctx).list(filter, limit, offset, newestFirst);
    return { items: page.items.map(toRecord), total: page.total };
  }

  @Authorized(['subscriptions.read', SELF])
  @Query(() => [UsageTotal], { description: "A contact's total usage per usage product, optionally of usage in [from, to)." })
  async usageTotals(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UsageTotal[]> {
    await this.consistency.before(ctx);
    const filter = this.filterOf(ctx, contactId, { from: from ?? null, to: to ?? null });
    return filter ? this.store(ctx).totals(filter) : [];
  }

  @Authorized(['subscriptions.read', SELF])
  @Query(() => UsageAllowanceEstimate, {
    nullable: true,
    description:
      "What remains of a service's usage allowance now, and how much of the requested usage it authorises; null when the contact has no such service.",
  })
  async usageAllowanceEstimate(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('usage', () => [RequestedUsageInput], { defaultValue: [] }) usage: RequestedUsageInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<UsageAllowanceEstimate | null> {
    await this.consistency.before(ctx);
    if (usage.length > 50) throw AppError.validation('usage', 'at most 50', 'TOO_MANY');
    usage.forEach((u, i) => {
      if (!decimalString.safeParse(u.amount).success || u.amount.startsWith('-'))
        throw AppError.validation(`usage[${i}].amount`, 'must be a decimal of 0 or more with at most 6 decimals', 'INVALID_VALUE');
    });
    const filter = this.filterOf(ctx, contactId, {});
    const service = canonicalId(serviceId);
    if (!filter || !service) return null;
    const subscription = await this.queries.store(ctx.principal.tenantId).ofService(service);
    const s = subscription?.services.find((x) => x.id === service);
    if (!subscription || !s || subscription.contactId !== filter.contactId) return null;
    const store = this.store(ctx);
    const allowance = await store.allowanceOf(service);
    const now = new Date();
    const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const cycle = billingCycleStart(now, subscription.billingDay);
    const consumed = new Map<string, { day: string; cycle: string }>();
    for (const a of allowance?.allowances ?? []) {
      const [d, c] = await store.consumed(service, a.productId, [day, cycle]);
      consumed.set(a.productId, { day: d!, cycle: c! });
    }
    return { serviceId: service, productId: s.productId, ...estimateAllowance(allowance, consumed, usage) };
  }
}
