import { Arg, Ctx, Field, Float, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Authorized, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import { AUTHENTICATED } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import type { IdentityViews } from '../persistence/identity-views';
import { descendantsOf, searchNetwork, townsOf, type NetworkHit, type NetworkFilter as SearchFilter } from '../queries/network-search';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE_SIZE = 100;
const MAX_FILTER_VALUES = 50;

@ObjectType()
export class NetworkAddress {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String) addressLine1: string;
  @Field(() => String, { nullable: true }) addressLine2: string | null;
  @Field(() => String) townCity: string;
  @Field(() => String) postalCode: string;
  @Field(() => String, { nullable: true }) stateProvinceCounty: string | null;
  @Field(() => String) countryCode: string;
  @Field(() => Float, { nullable: true }) lat: number | null;
  @Field(() => Float, { nullable: true }) lon: number | null;
  @Field(() => String, { nullable: true }) googlePlaceId: string | null;
  @Field(() => Boolean) isPrimary: boolean;
}

@ObjectType()
export class NetworkContactInfo {
  @Field(() => ID) id: string;
  @Field(() => String) type: string;
  @Field(() => String) name: string;
  @Field(() => String) value: string;
  @Field(() => String, { nullable: true }) countryCode: string | null;
}

@ObjectType()
export class NetworkOpeningHours {
  @Field(() => String) dayOfWeek: string;
  @Field(() => String) open: string;
  @Field(() => String) close: string;
  @Field(() => String) operation: string;
}

@ObjectType({ description: 'An organisation of the business network (the business, a merchant or a venue) with its profile.' })
export class NetworkOrganisation {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) parentId: string | null;
  @Field(() => String, { description: 'BUSINESS, MERCHANT or VENUE.' }) type: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => String, { nullable: true }) industry: string | null;
  @Field(() => [String]) industrySectors: string[];
  @Field(() => [String]) businessActivities: string[];
  @Field(() => [String]) tags: string[];
  @Field(() => String, { nullable: true }) tapCode: string | null;
  @Field(() => [NetworkAddress]) addresses: NetworkAddress[];
  @Field(() => [NetworkContactInfo]) contactInfo: NetworkContactInfo[];
  @Field(() => [NetworkOpeningHours]) openingHours: NetworkOpeningHours[];
  @Field(() => Float, { nullable: true, description: 'Kilometres from the point searched from to the nearest located address.' }) distanceKm:
    | number
    | null;
  @Field(() => ID, { nullable: true, description: 'That nearest address.' }) nearestAddressId: string | null;
}

@ObjectType()
export class NetworkPage {
  @Field(() => [NetworkOrganisation]) items: NetworkOrganisation[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}

@InputType({ description: 'Network filters: each list is any-of (case-insensitive), lists combine with and.' })
export class NetworkFilterInput {
  @Field(() => [String], { nullable: true, description: 'MERCHANT, VENUE, BUSINESS.' }) types?: string[] | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => [String], { nullable: true }) industries?: string[] | null;
  @Field(() => [String], { nullable: true }) industrySectors?: string[] | null;
  @Field(() => [String], { nullable: true }) businessActivities?: string[] | null;
  @Field(() => [String], { nullable: true }) townCities?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-3.' }) countries?: string[] | null;
  @Field(() => String, { nullable: true }) tapCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Part of the name, any case.' }) name?: string | null;
  @Field(() => Float, { nullable: true, description: 'With lon: nearest first, only located organisations.' }) lat?: number | null;
  @Field(() => Float, { nullable: true }) lon?: number | null;
  @Field(() => Float, { nullable: true, description: 'Only within this many kilometres of lat/lon.' }) withinKm?: number | null;
}

function listOf(field: string, list: string[] | null | undefined): string[] | undefined {
  if (!list) return undefined;
  if (list.length > MAX_FILTER_VALUES) throw AppError.validation(field, `at most ${MAX_FILTER_VALUES} values`, 'TOO_MANY');
  return list;
}

/** The filter as the search takes it; lat and lon go together and stay on the globe (400 naming the field otherwise). */
export function searchFilterOf(f: NetworkFilterInput | null | undefined): SearchFilter {
  if (!f) return {};
  const hasLat = f.lat != null;
  const hasLon = f.lon != null;
  if (hasLat !== hasLon) throw AppError.validation(hasLat ? 'lon' : 'lat', 'lat and lon go together', 'REQUIRED');
  if (hasLat && (!Number.isFinite(f.lat) || f.lat! < -90 || f.lat! > 90))
    throw AppError.validation('lat', 'must be between -90 and 90', 'OUT_OF_RANGE');
  if (hasLon && (!Number.isFinite(f.lon) || f.lon! < -180 || f.lon! > 180))
    throw AppError.validation('lon', 'must be between -180 and 180', 'OUT_OF_RANGE');
  if (f.withinKm != null && (!Number.isFinite(f.withinKm) || f.withinKm < 0))
    throw AppError.validation('withinKm', 'must be a distance of 0 or more', 'OUT_OF_RANGE');
  if (f.withinKm != null && !hasLat) throw AppError.validation('lat', 'is required with a distance', 'REQUIRED');
  return {
    types: listOf('types', f.types),
    tags: listOf('tags', f.tags),
    industries: listOf('industries', f.industries),
    industrySectors: listOf('industrySectors', f.industrySectors),
    businessActivities: listOf('businessActivities', f.businessActivities),
    townCities: listOf('townCities', f.townCities),
    countries: listOf('countries', f.countries),
    tapCode: f.tapCode ?? undefined,
    name: f.name ?? undefined,
    near: hasLat ? { lat: f.lat!, lon: f.lon!, withinKm: f.withinKm ?? null } : undefined,
  };
}

function pageOf(hits: NetworkHit[], page: number, size: number): NetworkPage {
  if (!Number.isInteger(page) || page < 1) throw AppError.validation('page', 'must be 1 or more', 'OUT_OF_RANGE');
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw AppError.validation('size', `must be between 1 and ${MAX_PAGE_SIZE}`, 'OUT_OF_RANGE');
  const start = (page - 1) * size;
  return { items: hits.slice(start, start + size).map(toOrganisation), total: hits.length, hasMore: start + size < hits.length };
}

function toOrganisation({ entry, nearest }: NetworkHit): NetworkOrganisation {
  const p = entry.profile;
  return {
    id: entry.id,
    parentId: entry.parentId,
    type: entry.type,
    name: entry.name,
    description: p?.description ?? null,
    industry: p?.industry ?? null,
    industrySectors: p?.industrySectors ?? [],
    businessActivities: p?.businessActivities ?? [],
    tags: p?.tags ?? [],
    tapCode: p?.tapCode ?? null,
    addresses: p?.addresses ?? [],
    contactInfo: p?.contactInfo ?? [],
    openingHours: p?.openingHours ?? [],
    distanceKm: nearest?.km ?? null,
    nearestAddressId: nearest?.address.id ?? null,
  };
}

/** The business network as signed-in callers (users, keys, contacts) of the tenant read it. */
@Resolver(() => NetworkOrganisation)
export class NetworkQueriesResolver {
  constructor(
    private readonly views: IdentityViews,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized([AUTHENTICATED])
  @Query(() => NetworkOrganisation, {
    nullable: true,
    description: 'An organisation of the business network with its profile; null when the tenant has none (or it left the network).',
  })
  async networkOrganisation(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<NetworkOrganisation | null> {
    if (!UUID.test(id)) return null;
    await this.consistency.before(ctx);
    const entry = (await this.views.network(ctx.principal.tenantId)).find((e) => e.id === id.toLowerCase());
    return entry ? toOrganisation({ entry, nearest: null }) : null;
  }

  @Authorized([AUTHENTICATED])
  @Query(() => NetworkPage, {
    nullable: true,
    description:
      'The merchants and venues under an organisation (at any depth), filtered; nearest first from lat/lon, by name otherwise. Null when the tenant has no such organisation.',
  })
  async organisationNetwork(
    @Arg('id', () => ID) id: string,
    @Arg('filter', () => NetworkFilterInput, { nullable: true }) filter: NetworkFilterInput | null,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<NetworkPage | null> {
    const search = searchFilterOf(filter);
    if (!UUID.test(id)) return null;
    await this.consistency.before(ctx);
    const network = await this.views.network(ctx.principal.tenantId);
    if (!network.some((e) => e.id === id.toLowerCase())) return null;
    return pageOf(searchNetwork(descendantsOf(network, id.toLowerCase()), search), page, size);
  }

  @Authorized([AUTHENTICATED])
  @Query(() => NetworkPage, {
    description:
      "The tenant's located organisations nearest first from lat/lon (within the distance when given), each with its nearest address; under an organisation when one is named.",
  })
  async networkLocations(
    @Arg('filter', () => NetworkFilterInput) filter: NetworkFilterInput,
    @Arg('organisationId', () => ID, { nullable: true }) organisationId: string | null,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<NetworkPage> {
    const search = searchFilterOf(filter);
    if (!search.near) throw AppError.validation('lat', 'is required', 'REQUIRED');
    if (organisationId !== null && !UUID.test(organisationId)) throw AppError.validation('organisationId', 'must be a UUID', 'INVALID_ID');
    await this.consistency.before(ctx);
    const network = await this.views.network(ctx.principal.tenantId);
    const scope = organisationId === null ? network : descendantsOf(network, organisationId.toLowerCase());
    return pageOf(searchNetwork(scope, search), page, size);
  }

  @Authorized([AUTHENTICATED])
  @Query(() => [String], { description: "The towns of the network's addresses, once each, by name." })
  async networkTowns(@Ctx() ctx: SubgraphContext): Promise<string[]> {
    await this.consistency.before(ctx);
    return townsOf(await this.views.network(ctx.principal.tenantId));
  }
}
