import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { canonicalId } from '@crm/platform/ids';
import { AppError } from '@crm/platform/errors';
import { SELF } from '@crm/platform/auth';
import type { ReadConsistency, SubgraphContext } from '@crm/platform/graphql';
import { DEVICE_KINDS } from '@crm/event-bus/contracts/subscriptions';
import type { DeviceView } from '../projections/device-view.projection';
import type { SubscriptionView } from '../projections/subscription-view.projection';
import type { SubscriptionQueries } from './subscription-queries.resolver';
import { Device, DevicePage, MeterReadingPage } from './device-types';

const MAX_PAGE = 100;

/** A device as GraphQL shows it; its services carry their state from the subscription they belong to. */
function toDevice(v: DeviceView, subscription: SubscriptionView | null): Device {
  return {
    id: v.id,
    contactId: v.contactId,
    kind: v.kind,
    serialNumber: v.serialNumber,
    electronicId: v.electronicId,
    macAddress: v.macAddress,
    productId: v.productId,
    platform: v.platform,
    registrationToken: v.registrationToken,
    applicationId: v.applicationId,
    customFields: v.customFields,
    subscriptionId: v.subscriptionId,
    services: v.services.map((s) => {
      const service = subscription?.services.find((x) => x.id === s.serviceId) ?? null;
      return {
        serviceId: s.serviceId,
        state: s.state,
        serviceState: service?.state ?? null,
        productId: service?.productId ?? null,
        updatedAt: new Date(s.updatedAt),
      };
    }),
    meterReadingCount: v.meterReadings.length,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

function idOrNull(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const id = canonicalId(value);
  if (!id) throw AppError.validation(field, 'must be a UUID', 'INVALID_ID');
  return id;
}

function paging(limit: number, offset: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw AppError.validation('limit', `must be 1 to ${MAX_PAGE}`, 'INVALID_PAGE_SIZE');
  if (!Number.isInteger(offset) || offset < 0) throw AppError.validation('offset', 'must be 0 or more', 'INVALID_OFFSET');
}

const ownerOf = (ctx: SubgraphContext): string | null => (ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null);

@Resolver()
export class DeviceQueriesResolver {
  constructor(
    private readonly queries: SubscriptionQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  private async withServices(tenantId: string, views: DeviceView[]): Promise<Device[]> {
    const store = this.queries.store(tenantId);
    const subs = new Map<string, SubscriptionView | null>();
    for (const v of views) if (v.subscriptionId && !subs.has(v.subscriptionId)) subs.set(v.subscriptionId, await store.get(v.subscriptionId));
    return views.map((v) => toDevice(v, v.subscriptionId ? (subs.get(v.subscriptionId) ?? null) : null));
  }

  /** The device, when the caller may see it (a contact: its own only). */
  private async visible(ctx: SubgraphContext, id: string): Promise<DeviceView | null> {
    const canonical = canonicalId(id);
    const v = canonical ? await this.queries.devices(ctx.principal.tenantId).get(canonical) : null;
    const owner = ownerOf(ctx);
    return v && (owner === null || v.contactId === owner) ? v : null;
  }

  @Authorized(['subscriptions.read', SELF])
  @Query(() => DevicePage, {
    description:
      "The tenant's devices (a signed-in contact: its own), narrowed by contact, subscription, service, serial number, electronic id or kind.",
  })
  async devices(
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Arg('subscriptionId', () => ID, { nullable: true }) subscriptionId: string | null,
    @Arg('serviceId', () => ID, { nullable: true }) serviceId: string | null,
    @Arg('serialNumber', () => String, { nullable: true }) serialNumber: string | null,
    @Arg('electronicId', () => String, { nullable: true }) electronicId: string | null,
    @Arg('kind', () => String, { nullable: true }) kind: string | null,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('newestFirst', () => Boolean, { defaultValue: false }) newestFirst: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DevicePage> {
    await this.consistency.before(ctx);
    paging(limit, offset);
    if (kind != null && !(DEVICE_KINDS as readonly string[]).includes(kind))
      throw AppError.validation('kind', `must be one of ${DEVICE_KINDS.join(', ')}`, 'INVALID_ENUM');
    const asked = idOrNull('contactId', contactId);
    const owner = ownerOf(ctx);
    if (owner !== null && asked !== null && asked !== owner) return { items: [], total: 0 };
    const filter = {
      contactId: owner ?? asked,
      subscriptionId: idOrNull('subscriptionId', subscriptionId),
      serviceId: idOrNull('serviceId', serviceId),
      serialNumber: serialNumber ?? null,
      electronicId: electronicId ?? null,
      kind: kind ?? null,
    };
    const store = this.queries.devices(ctx.principal.tenantId);
    const [rows, total] = await Promise.all([store.list(filter, limit, offset, newestFirst), store.count(filter)]);
    return { items: await this.withServices(ctx.principal.tenantId, rows), total };
  }

  @Authorized(['subscriptions.read', SELF])
  @Query(() => Device, { nullable: true, description: 'A device by id; null when the tenant has none (or it is another contact’s).' })
  async device(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Device | null> {
    await this.consistency.before(ctx);
    const v = await this.visible(ctx, id);
    return v ? (await this.withServices(ctx.principal.tenantId, [v]))[0]! : null;
  }

  @Authorized(['subscriptions.read', SELF])
  @Query(() => MeterReadingPage, { nullable: true, description: "A device's meter readings (null when the device is not visible)." })
  async deviceMeterReadings(
    @Arg('deviceId', () => ID) deviceId: string,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('newestFirst', () => Boolean, { defaultValue: true }) newestFirst: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<MeterReadingPage | null> {
    await this.consistency.before(ctx);
    paging(limit, offset);
    const v = await this.visible(ctx, deviceId);
    if (!v) return null;
    const all = newestFirst ? [...v.meterReadings].reverse() : v.meterReadings;
    return {
      total: all.length,
      items: all.slice(offset, offset + limit).map((r) => ({
        id: r.id,
        reading: r.reading,
        from: r.from ? new Date(r.from) : null,
        to: r.to ? new Date(r.to) : null,
        submittedByType: r.submittedBy.type,
        submittedById: r.submittedBy.id,
        createdAt: new Date(r.createdAt),
      })),
    };
  }
}
