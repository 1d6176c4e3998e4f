import { Arg, Field, Float, ObjectType, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { Authorized } from '@crm/platform/graphql';
import type { AddressLookup } from '../address-lookup/address-lookup';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

@ObjectType({ description: 'A suggested address for what a contact typed.' })
export class AddressSuggestion {
  @Field(() => String) description: string;
  @Field(() => String) placeId: string;
}

@ObjectType({ description: 'A place resolved into the parts of an address.' })
export class AddressDetails {
  @Field(() => String) address: string;
  @Field(() => String, { nullable: true }) addressLine1: string | null;
  @Field(() => String, { nullable: true }) addressLine2: string | null;
  @Field(() => String, { nullable: true }) townCity: string | null;
  @Field(() => String, { nullable: true }) postalCode: string | null;
  @Field(() => String, { nullable: true }) stateProvinceCounty: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3.' }) countryCode: string | null;
  @Field(() => Float, { nullable: true }) lat: number | null;
  @Field(() => Float, { nullable: true }) lon: number | null;
  @Field(() => String, { nullable: true }) placeId: string | null;
}

function sessionOf(sessionId: string): string {
  if (!UUID_V4.test(sessionId)) throw AppError.validation('sessionId', 'must be a UUID v4 (one per address form)', 'INVALID_ID');
  return sessionId;
}

/** Address lookup for contacts' address forms (Google Places behind the port; 400 ADDRESS_LOOKUP_NOT_CONFIGURED without a key). */
@Resolver()
export class AddressLookupResolver {
  constructor(private readonly lookup: AddressLookup) {}

  @Authorized(['settings.read', SELF])
  @Query(() => [AddressSuggestion], {
    description: 'Addresses matching what was typed (Places Autocomplete), optionally in some countries (ISO alpha-3).',
  })
  async addressSuggestions(
    @Arg('input', () => String) input: string,
    @Arg('sessionId', () => String) sessionId: string,
    @Arg('countries', () => [String], { nullable: true }) countries: string[] | null,
  ): Promise<AddressSuggestion[]> {
    const text = input.trim();
    if (!text || text.length > 200) throw AppError.validation('input', 'must be 1 to 200 characters', 'INVALID_LENGTH');
    if ((countries ?? []).length > 5) throw AppError.validation('countries', 'at most 5 countries', 'TOO_MANY');
    return this.lookup.suggest({ text, sessionId: sessionOf(sessionId), countries: countries ?? [] });
  }

  @Authorized(['settings.read', SELF])
  @Query(() => AddressDetails, {
    nullable: true,
    description: 'The address of a place (by its Google place id) or of a point (lat,lon); null when there is none.',
  })
  async addressDetails(
    @Arg('sessionId', () => String) sessionId: string,
    @Arg('placeId', () => String, { nullable: true }) placeId: string | null,
    @Arg('lat', () => Float, { nullable: true }) lat: number | null,
    @Arg('lon', () => Float, { nullable: true }) lon: number | null,
  ): Promise<AddressDetails | null> {
    const session = sessionOf(sessionId);
    if (placeId !== null && (placeId.trim() === '' || placeId.length > 300))
      throw AppError.validation('placeId', 'must be 1 to 300 characters', 'INVALID_LENGTH');
    const point = lat !== null && lon !== null ? { lat, lon } : null;
    if (!placeId && !point) throw AppError.validation('placeId', 'a place id or a point (lat,lon) is required', 'REQUIRED');
    if (point && (Math.abs(point.lat) > 90 || Math.abs(point.lon) > 180))
      throw AppError.validation('lat', 'is not a point on the globe', 'INVALID_VALUE');
    return this.lookup.details({ placeId, latlng: placeId ? null : point, sessionId: session });
  }
}
