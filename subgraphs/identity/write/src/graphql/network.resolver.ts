import { Arg, Ctx, Field, Float, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, Authorized, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import type { UnitOfWork } from '../application/unit-of-work';
import { closeProfile, setProfile, type OrganisationProfileInput as ProfileCommand } from '../application/network/organisation-profiles';
import { insertOrganisation } from '../application/tenants/tenant-hierarchy';
import type { OrganisationType } from '../domain/organisations';
import { requireUuid } from '../domain/ids';
import { metaOf } from './auth.resolver';
import { CreateOrganisationInput } from './directory.types';

@InputType()
export class OrganisationAddressInput {
  @Field(() => ID, { nullable: true, description: 'Kept when given (an existing address); a new one gets an id.' }) id?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String) addressLine1: string;
  @Field(() => String, { nullable: true }) addressLine2?: string | null;
  @Field(() => String) townCity: string;
  @Field(() => String) postalCode: string;
  @Field(() => String, { nullable: true }) stateProvinceCounty?: string | null;
  @Field(() => String, { description: 'ISO 3166-1 alpha-3.' }) countryCode: string;
  @Field(() => Float, { nullable: true, description: 'Latitude (with lon): the address is then a location contacts find by distance.' }) lat?:
    | number
    | null;
  @Field(() => Float, { nullable: true }) lon?: number | null;
  @Field(() => String, { nullable: true }) googlePlaceId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'At most one; the first address when none is.' }) isPrimary?: boolean | null;
}

@InputType()
export class OrganisationContactInfoInput {
  @Field(() => ID, { nullable: true }) id?: string | null;
  @Field(() => String, { description: 'EMAIL or PHONE.' }) type: string;
  @Field(() => String) name: string;
  @Field(() => String) value: string;
  @Field(() => String, { nullable: true }) countryCode?: string | null;
}

@InputType()
export class OpeningHoursInput {
  @Field(() => String, { description: 'MONDAY … SUNDAY.' }) dayOfWeek: string;
  @Field(() => String, { description: 'HH:MM (24-hour).' }) open: string;
  @Field(() => String, { description: 'HH:MM (24-hour); before open: past midnight.' }) close: string;
  @Field(() => String, { nullable: true, description: 'DELIVERY, PICK_UP or ANY (default).' }) operation?: string | null;
}

@InputType({ description: "An organisation's business-network profile (replaces the whole of it)." })
export class OrganisationProfileInput {
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'The industry name.' }) industry?: string | null;
  @Field(() => [String], { nullable: true, description: 'Industry sector (sub-industry) names.' }) industrySectors?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Business activity names.' }) businessActivities?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Organisation tag names.' }) tags?: string[] | null;
  @Field(() => String, { nullable: true, description: 'The code contacts tap (NFC / QR) at the venue.' }) tapCode?: string | null;
  @Field(() => [OrganisationAddressInput], { nullable: true }) addresses?: OrganisationAddressInput[] | null;
  @Field(() => [OrganisationContactInfoInput], { nullable: true }) contactInfo?: OrganisationContactInfoInput[] | null;
  @Field(() => [OpeningHoursInput], { nullable: true }) openingHours?: OpeningHoursInput[] | null;
}

@ObjectType({ description: 'Result of a business-network mutation: the organisation and the token its read waits for.' })
export class NetworkOrganisationPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

const empty = (): NetworkOrganisationPayload => ({ id: null, consistencyToken: null, errors: [] });
const tokenOf = (id: string, version: number) => formatConsistencyToken({ aggregateType: AGGREGATES.organisationProfile, aggregateId: id, version });
/** Plain objects (type-graphql hands over class instances). */
const plain = (input: OrganisationProfileInput) => JSON.parse(JSON.stringify(input)) as ProfileCommand;

@Resolver()
export class NetworkResolver {
  constructor(private readonly uow: UnitOfWork) {}

  @Authorized(['organisations.manage'])
  @Mutation(() => NetworkOrganisationPayload, {
    description:
      'Adds a merchant or venue to the business network with its profile (addresses, contact info, opening hours, tags), in one transaction.',
  })
  createNetworkOrganisation(
    @Arg('organisation', () => CreateOrganisationInput) organisation: CreateOrganisationInput,
    @Arg('profile', () => OrganisationProfileInput) profile: OrganisationProfileInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<NetworkOrganisationPayload> {
    return asPayload(async () => {
      const parentId = requireUuid('parentId', organisation.parentId);
      return this.uow.run(metaOf(ctx), async (tx) => {
        const created = await insertOrganisation(tx, { parentId, type: organisation.type as OrganisationType, name: organisation.name });
        const done = await setProfile(tx, created.id, plain(profile));
        return { id: created.id, consistencyToken: tokenOf(created.id, done.state.version), errors: [] };
      });
    }, empty);
  }

  @Authorized(['organisations.manage'])
  @Mutation(() => NetworkOrganisationPayload, {
    description: "Sets (or replaces) an organisation's business-network profile; a closed one is listed again.",
  })
  setOrganisationProfile(
    @Arg('id', () => ID) id: string,
    @Arg('profile', () => OrganisationProfileInput) profile: OrganisationProfileInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<NetworkOrganisationPayload> {
    return asPayload(async () => {
      const organisationId = requireUuid('id', id);
      const done = await this.uow.run(metaOf(ctx), (tx) => setProfile(tx, organisationId, plain(profile)));
      return { id: organisationId, consistencyToken: tokenOf(organisationId, done.state.version), errors: [] };
    }, empty);
  }

  @Authorized(['organisations.manage'])
  @Mutation(() => NetworkOrganisationPayload, {
    description: 'Takes an organisation out of the business network (no longer listed or located; it stays in the hierarchy).',
  })
  closeOrganisationProfile(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<NetworkOrganisationPayload> {
    return asPayload(async () => {
      const organisationId = requireUuid('id', id);
      const done = await this.uow.run(metaOf(ctx), (tx) => closeProfile(tx, organisationId));
      return { id: organisationId, consistencyToken: tokenOf(organisationId, done.state.version), errors: [] };
    }, empty);
  }
}
