import { Arg, Ctx, Field, ID, InputType, ObjectType, Mutation, Query, Resolver } from 'type-graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { asPayload, Authorized, UserError, type SubgraphContext } from '@crm/platform/graphql';
import type { ContactOrganisations } from '../application/contacts/contact-organisations';
import { metaOf } from './auth.resolver';
import { SessionTokens } from './auth.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ObjectType({ description: 'An organisation of the business network a contact has signed up to.' })
export class JoinedOrganisation {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'MERCHANT, VENUE or BUSINESS.' }) type: string;
  @Field(() => String) name: string;
  @Field(() => Date) joinedAt: Date;
}

@InputType()
export class ContactOrganisationInput {
  @Field(() => ID) organisationId: string;
  @Field(() => String, { description: 'SIGNUP or SIGNOFF.' }) action: string;
  @Field(() => Boolean, { nullable: true }) emailOptOut?: boolean | null;
  @Field(() => Boolean, { nullable: true }) smsOptOut?: boolean | null;
}

@ObjectType({ description: 'Fresh tokens acting for an organisation, and the organisations the contact has joined.' })
export class ContactOrganisationPayload {
  @Field(() => ID, { nullable: true }) contactId: string | null;
  @Field(() => SessionTokens, { nullable: true }) tokens: SessionTokens | null;
  @Field(() => [JoinedOrganisation]) organisations: JoinedOrganisation[];
  @Field(() => [UserError]) errors: UserError[];
}

const empty = (): ContactOrganisationPayload => ({ contactId: null, tokens: null, organisations: [], errors: [] });

function idArg(field: string, value: string): string {
  if (!UUID.test(value)) throw AppError.validation(field, 'must be a UUID', 'INVALID_ID');
  return value.toLowerCase();
}

/** The signed-in contact itself (these act on a contact's own session). */
function selfContact(ctx: SubgraphContext): string {
  const { kind, subjectId } = ctx.principal;
  if (kind !== 'contact' || !subjectId) throw new AppError('FORBIDDEN', 'only a signed-in contact acts on its organisations');
  return subjectId;
}

@Resolver()
export class ContactOrganisationsResolver {
  constructor(private readonly organisations: ContactOrganisations) {}

  @Authorized(['contacts.read', SELF])
  @Query(() => [JoinedOrganisation], { description: 'The organisations a contact has signed up to (a contact: its own), by name.' })
  contactOrganisations(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<JoinedOrganisation[]> {
    const id = idArg('contactId', contactId);
    assertOwnContact(ctx.principal, id);
    return this.organisations.list(ctx.principal.tenantId, id, name);
  }

  @Authorized([SELF])
  @Mutation(() => ContactOrganisationPayload, {
    description:
      'The signed-in contact signs up to (SIGNUP) or off (SIGNOFF) an organisation; fresh tokens acting for it (for the tenant after SIGNOFF).',
  })
  signContactOrganisation(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('input', () => ContactOrganisationInput) input: ContactOrganisationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactOrganisationPayload> {
    return asPayload(async () => {
      const me = selfContact(ctx);
      const id = idArg('contactId', contactId);
      assertOwnContact(ctx.principal, id);
      const tokens = await this.organisations.act(
        metaOf(ctx),
        me,
        {
          organisationId: idArg('organisation_id', input.organisationId),
          action: input.action,
          emailOptOut: input.emailOptOut ?? false,
          smsOptOut: input.smsOptOut ?? false,
        },
        ctx.principal.sessionId ?? null,
      );
      return { contactId: me, tokens, organisations: await this.organisations.list(ctx.principal.tenantId, me, null), errors: [] };
    }, empty);
  }

  @Authorized([SELF])
  @Mutation(() => ContactOrganisationPayload, { description: "Fresh tokens acting for an organisation the contact joined (or the tenant's own)." })
  switchContactOrganisation(
    @Arg('organisationId', () => ID) organisationId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactOrganisationPayload> {
    return asPayload(async () => {
      const me = selfContact(ctx);
      const tokens = await this.organisations.switchTo(metaOf(ctx), me, idArg('organisationId', organisationId), ctx.principal.sessionId ?? null);
      return { contactId: me, tokens, organisations: await this.organisations.list(ctx.principal.tenantId, me, null), errors: [] };
    }, empty);
  }
}
