import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { asPayload, Authorized, formatConsistencyToken, type SubgraphContext } from '@crm/platform/graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { CommandResult, RequestContext } from '@crm/event-bus/kit';
import { RewardsPayload } from '../../graphql/rewards-mutations.resolver';
import type { GivingService } from '../application/giving-service';

@InputType({ description: 'A charity organisation: its id and the name contacts see.' })
export class CharityOrganisationInput {
  @Field(() => String) id: string;
  @Field(() => String, { nullable: true }) name?: string | null;
}

@InputType()
export class CreateDonationOfferInput {
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) shortDescription?: string | null;
  @Field(() => String, { nullable: true }) longDescription?: string | null;
  @Field(() => String, { nullable: true }) termsAndConditions?: string | null;
  @Field(() => String, { description: 'PER_TRANSACTION, TERMED or VARIABLE.' }) donationType: string;
  @Field(() => String, { defaultValue: 'GIFT', description: 'GIFT, DISCOUNT, BUNDLE or ONE_OFF.' }) offerType: string;
  @Field(() => String, { nullable: true, description: 'PER_TRANSACTION: ROUND_UP or PERCENT.' }) rule?: string | null;
  @Field(() => String, { nullable: true, description: 'PERCENT: the percentage of the purchase’s net, above 0 and at most 100.' }) percent?:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'TERMED: the amount given each month.' }) termedAmount?: string | null;
  @Field(() => String, { defaultValue: 'EUR' }) currency: string;
  @Field(() => CharityOrganisationInput) organisation: CharityOrganisationInput;
  @Field(() => String, { defaultValue: 'ACTIVE' }) state: string;
}

@InputType()
export class DonationOptInInput {
  @Field(() => ID) contactId: string;
  @Field(() => String) donationOfferId: string;
  @Field(() => Int, { nullable: true, description: '1 to 100 (default 1): multiplies a round-up, percentage or termed amount.' }) multiplier?:
    | number
    | null;
  @Field(() => String, { nullable: true, description: 'VARIABLE: the amount given on each purchase.' }) amount?: string | null;
}

@InputType()
export class ReferralInvitationInput {
  @Field(() => ID, { nullable: true, description: 'The referrer (a contact: itself, may be omitted).' }) contactId?: string | null;
  @Field(() => String, { description: 'SEND.' }) action: string;
  @Field(() => [String], { description: 'Email addresses or phone numbers (1 to 20).' }) recipients: string[];
}

const request = (ctx: SubgraphContext): RequestContext => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
});
const done = <S extends { id: string }>(r: CommandResult<S>) => ({
  id: r.state.id,
  consistencyToken: formatConsistencyToken(r.consistency),
  errors: [],
});
const none = () => ({ id: null, consistencyToken: null, errors: [] });

/** The contact a call acts for: a contact itself (naming another is not found), anyone else must name one. */
function contactOf(ctx: SubgraphContext, given: string | null | undefined, field: string): string {
  if (ctx.principal.kind === 'contact') {
    if (given) assertOwnContact(ctx.principal, canonicalId(given) ?? given);
    if (!ctx.principal.subjectId) throw AppError.validation(field, 'name the contact', 'REQUIRED');
    return ctx.principal.subjectId;
  }
  if (!given) throw AppError.validation(field, 'name the contact', 'REQUIRED');
  const id = canonicalId(given);
  if (!id) throw AppError.validation(field, 'must be an id', 'INVALID_ID');
  return id;
}

/** Referrals (flow 15) and donations: mutations of the rewards domain's giving side. */
@Resolver()
export class GivingMutationsResolver {
  constructor(private readonly giving: GivingService) {}

  @Authorized(['rewards.write', SELF])
  @Mutation(() => RewardsPayload, {
    description:
      'A new contact registered with a referrer’s code: recorded once per referred contact; the referrer earns the ACTIVE REFER offers’ awards through the ledger, once. A contact reports its own.',
  })
  createReferral(
    @Arg('code', () => String) code: string,
    @Arg('contactId', () => ID, { nullable: true, description: 'The referred contact (a contact: itself).' }) contactId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardsPayload> {
    return asPayload<RewardsPayload>(async () => done(await this.giving.refer(request(ctx), contactOf(ctx, contactId, 'contact_id'), code)), none);
  }

  @Authorized(['rewards.write', SELF])
  @Mutation(() => RewardsPayload, { description: 'Invites people (emails or phone numbers) with the contact’s referral code.' })
  sendReferralInvitations(
    @Arg('input', () => ReferralInvitationInput) input: ReferralInvitationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardsPayload> {
    return asPayload<RewardsPayload>(
      async () => done(await this.giving.invite(request(ctx), contactOf(ctx, input.contactId, 'contact_id'), input.action, input.recipients)),
      none,
    );
  }

  @Authorized(['rewards.write'])
  @Mutation(() => RewardsPayload, { description: 'Creates a donation offer to a charity organisation (ACTIVE unless state INACTIVE).' })
  createDonationOffer(
    @Arg('input', () => CreateDonationOfferInput) input: CreateDonationOfferInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardsPayload> {
    return asPayload<RewardsPayload>(
      async () =>
        done(
          await this.giving.createDonationOffer(
            request(ctx),
            {
              name: input.name,
              shortDescription: input.shortDescription ?? null,
              longDescription: input.longDescription ?? null,
              termsAndConditions: input.termsAndConditions ?? null,
              donationType: input.donationType as never,
              offerType: input.offerType as never,
              rule: (input.rule ?? null) as never,
              percent: input.percent ?? null,
              termedAmount: input.termedAmount ?? null,
              currency: input.currency,
              organisation: { id: input.organisation.id, name: input.organisation.name ?? '' },
              state: input.state as never,
            },
            idempotencyKey,
          ),
        ),
      none,
    );
  }

  @Authorized(['rewards.write'])
  @Mutation(() => RewardsPayload, { description: 'Turns a donation offer on (ACTIVE) or off (INACTIVE).' })
  setDonationOfferState(
    @Arg('id', () => ID) id: string,
    @Arg('state', () => String) state: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardsPayload> {
    return asPayload<RewardsPayload>(async () => {
      const canonical = canonicalId(id);
      if (!canonical) throw AppError.notFound('donation offer', id);
      return done(await this.giving.setDonationOfferState(request(ctx), canonical, state));
    }, none);
  }

  @Authorized(['rewards.write', SELF])
  @Mutation(() => RewardsPayload, {
    description: 'Opts a contact in to a donation offer; donations are then made per purchase or monthly and debited from its wallet once each.',
  })
  optInDonation(@Arg('input', () => DonationOptInInput) input: DonationOptInInput, @Ctx() ctx: SubgraphContext): Promise<RewardsPayload> {
    return asPayload<RewardsPayload>(async () => {
      const contactId = contactOf(ctx, input.contactId, 'contact_id');
      return done(
        await this.giving.optIn(request(ctx), contactId, input.donationOfferId, {
          multiplier: input.multiplier ?? null,
          amount: input.amount ?? null,
        }),
      );
    }, none);
  }

  @Authorized(['rewards.write', SELF])
  @Mutation(() => RewardsPayload, { description: 'Changes the multiplier or amount of a donation the contact is opted in to.' })
  updateDonation(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => DonationOptInInput) input: DonationOptInInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardsPayload> {
    return asPayload<RewardsPayload>(async () => {
      const contactId = contactOf(ctx, input.contactId, 'contact_id');
      return done(
        await this.giving.changeTerms(request(ctx), contactId, id, input.donationOfferId, {
          multiplier: input.multiplier ?? null,
          amount: input.amount ?? null,
        }),
      );
    }, none);
  }

  @Authorized(['rewards.write', SELF])
  @Mutation(() => RewardsPayload, { description: 'Opts a contact out of a donation: no further donations are made.' })
  optOutDonation(
    @Arg('id', () => ID) id: string,
    @Arg('contactId', () => ID) contactId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardsPayload> {
    return asPayload<RewardsPayload>(async () => done(await this.giving.optOut(request(ctx), contactOf(ctx, contactId, 'contact_id'), id)), none);
  }
}
