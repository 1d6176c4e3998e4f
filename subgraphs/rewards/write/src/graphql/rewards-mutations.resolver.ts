import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, Authorized, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { CommandResult, RequestContext } from '@crm/event-bus/kit';
import type { RewardsCommands } from '../application/rewards-commands';
import type { PurchaseService } from '../application/purchase-service';
import {
  CreateRewardOfferInput,
  CreateRewardSchemeInput,
  IssueContactTokenInput,
  PurchaseActionInput,
  RewardSignUpInput,
  SubmitPurchaseInput,
} from './inputs';

@ObjectType({ description: 'Result of a rewards mutation.' })
export class RewardsPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class RewardSignUpPayload extends RewardsPayload {
  @Field(() => String, {
    nullable: true,
    description: 'Closed loop by email: the code of the verification link (to staff and services only; a contact receives it by email).',
  })
  verificationCode: string | null;
}

@ObjectType()
export class PurchasePayload extends RewardsPayload {
  @Field(() => String, { nullable: true }) referenceNumber: string | null;
}

@ObjectType({ description: 'A contact token: its 6-digit value is answered here only.' })
export class ContactTokenPayload extends RewardsPayload {
  @Field(() => String, { nullable: true }) value: string | null;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => String, { nullable: true }) spendAmount: string | null;
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

function idOf(value: string, field: string): string {
  const id = canonicalId(value);
  if (!id) throw AppError.validation(field, 'must be an id', 'INVALID_ID');
  return id;
}

@Resolver()
export class RewardsMutationsResolver {
  constructor(
    private readonly commands: RewardsCommands,
    private readonly purchases: PurchaseService,
  ) {}

  @Authorized(['rewards.write'])
  @Mutation(() => RewardsPayload, { description: 'Creates a reward scheme (ACTIVE unless state INACTIVE).' })
  createRewardScheme(
    @Arg('input', () => CreateRewardSchemeInput) input: CreateRewardSchemeInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardsPayload> {
    return asPayload<RewardsPayload>(
      async () =>
        done(await this.commands.createScheme(request(ctx), { ...input, termsAndConditions: input.termsAndConditions ?? null }, idempotencyKey)),
      none,
    );
  }

  @Authorized(['rewards.write'])
  @Mutation(() => RewardsPayload, { description: 'Turns a reward scheme on (ACTIVE) or off (INACTIVE).' })
  setRewardSchemeState(
    @Arg('id', () => ID) id: string,
    @Arg('state', () => String) state: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardsPayload> {
    return asPayload<RewardsPayload>(async () => done(await this.commands.setSchemeState(request(ctx), idOf(id, 'id'), state)), none);
  }

  @Authorized(['rewards.write', SELF])
  @Mutation(() => RewardSignUpPayload, { description: 'Signs a contact up to a scheme or out of it. A contact acts only for itself.' })
  signUpRewardScheme(@Arg('input', () => RewardSignUpInput) input: RewardSignUpInput, @Ctx() ctx: SubgraphContext): Promise<RewardSignUpPayload> {
    return asPayload<RewardSignUpPayload>(
      async () => {
        const contactId = idOf(input.contactId, 'contactId');
        assertOwnContact(ctx.principal, contactId);
        const schemeId = idOf(input.rewardSchemeId, 'reward_scheme_id');
        if (input.action === 'SIGN_OUT' || input.action === 'SIGNOUT') {
          return { ...done(await this.commands.signOut(request(ctx), schemeId, contactId)), verificationCode: null };
        }
        if (input.action !== 'SIGN_UP' && input.action !== 'SIGNUP')
          throw AppError.validation('action', 'must be SIGN_UP or SIGN_OUT', 'INVALID_VALUE');
        const { result, verificationCode } = await this.commands.signUp(request(ctx), schemeId, contactId, input.emailAddress ?? null);
        return { ...done(result), verificationCode: ctx.principal.kind === 'contact' ? null : verificationCode };
      },
      () => ({ ...none(), verificationCode: null }),
    );
  }

  @Authorized(['rewards.write', SELF])
  @Mutation(() => RewardsPayload, { description: 'Verifies a closed-loop sign-up with the code of its link.' })
  verifyRewardSchemeSignUp(@Arg('code', () => String) code: string, @Ctx() ctx: SubgraphContext): Promise<RewardsPayload> {
    return asPayload<RewardsPayload>(
      async () => done(await this.commands.verify(request(ctx), code, ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null)),
      none,
    );
  }

  @Authorized(['rewards.write'])
  @Mutation(() => RewardsPayload, { description: 'Creates a reward offer of a scheme; it is INACTIVE until setRewardOfferState ACTIVE.' })
  createRewardOffer(
    @Arg('input', () => CreateRewardOfferInput) input: CreateRewardOfferInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardsPayload> {
    return asPayload<RewardsPayload>(async () => {
      const c = input.conditions;
      const cmd = {
        schemeId: idOf(input.schemeId, 'schemeId'),
        name: input.name,
        shortDescription: input.shortDescription ?? null,
        termsAndConditions: input.termsAndConditions ?? null,
        type: input.type as never,
        goal: input.goal as never,
        priority: input.priority,
        currency: input.currency,
        conditions: {
          minAmount: c?.minAmount ?? null,
          organisationIds: c?.organisationIds ?? [],
          classifications: c?.classifications ?? [],
          productSkus: c?.productSkus ?? [],
          productCategories: c?.productCategories ?? [],
          daysOfWeek: (c?.daysOfWeek ?? []) as never[],
          timeWindows: (c?.timeWindows ?? []).map((w) => ({ from: w.from, to: w.to })),
          timeZone: c?.timeZone ?? 'UTC',
          tiers: c?.tiers ?? [],
        },
        award: {
          method: input.award.method as never,
          amount: input.award.amount ?? null,
          percent: input.award.percent ?? null,
          productSkus: input.award.productSkus,
          productCategories: input.award.productCategories,
        },
        caps: {
          perPurchase: input.caps?.perPurchase ?? null,
          perContact: input.caps?.perContact ? { amount: input.caps.perContact.amount, period: input.caps.perContact.period as never } : null,
        },
        validityDays: input.validityDays ?? null,
        commercePoolId: input.commercePoolId ?? null,
      };
      return done(await this.commands.createOffer(request(ctx), cmd, idempotencyKey));
    }, none);
  }

  @Authorized(['rewards.write'])
  @Mutation(() => RewardsPayload, { description: 'Sets a reward offer’s life cycle state: ACTIVE or INACTIVE.' })
  setRewardOfferState(
    @Arg('id', () => ID) id: string,
    @Arg('state', () => String) state: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RewardsPayload> {
    return asPayload<RewardsPayload>(async () => done(await this.commands.setOfferState(request(ctx), idOf(id, 'id'), state)), none);
  }

  @Authorized(['rewards.write'])
  @Mutation(() => PurchasePayload, {
    description:
      'A POS purchase (secret key): awards computed by the offer engine and posted through the ledger once; a spend request debits the wallet at once. With an idempotencyKey a retry returns the first purchase and moves nothing again.',
  })
  submitPurchase(
    @Arg('input', () => SubmitPurchaseInput) input: SubmitPurchaseInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PurchasePayload> {
    return asPayload<PurchasePayload>(
      async () => {
        const r = await this.purchases.submit(
          request(ctx),
          {
            contact: { id: input.contactId ?? null, code: input.contactCode ?? null, otp: input.contactOtp ?? null },
            organisationId: input.organisationId ?? null,
            currency: input.currency ?? null,
            amounts: { total: input.amounts.total, net: input.amounts.net, tax: input.amounts.tax ?? null, discount: input.amounts.discount ?? null },
            classification: input.classification ?? null,
            products: input.products.map((p) => ({ sku: p.sku, category: p.category ?? null, quantity: p.quantity, net: p.net })),
            spendRequest: input.spendRequest
              ? { amount: input.spendRequest.amount, restrictFullyCovered: input.spendRequest.restrictFullyCovered }
              : null,
            purchasedAt: input.purchasedAt ?? null,
          },
          idempotencyKey,
        );
        return { ...done(r), referenceNumber: r.state.referenceNumber };
      },
      () => ({ ...none(), referenceNumber: null }),
    );
  }

  @Authorized(['rewards.write', SELF])
  @Mutation(() => ContactTokenPayload, {
    description:
      'Issues a contact token identifying the contact at the till (SPEND, with the amount it agrees to spend). A contact asks for its own.',
  })
  issueContactToken(
    @Arg('input', () => IssueContactTokenInput) input: IssueContactTokenInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactTokenPayload> {
    return asPayload<ContactTokenPayload>(
      async () => {
        const contactId = idOf(input.contactId, 'contactId');
        assertOwnContact(ctx.principal, contactId);
        const { result, value } = await this.purchases.issueToken(request(ctx), contactId, input.intent, input.spendAmount ?? null);
        return { ...done(result), value, expiresAt: new Date(result.state.expiresAt), spendAmount: result.state.spendAmount };
      },
      () => ({ ...none(), value: null, expiresAt: null, spendAmount: null }),
    );
  }

  @Authorized(['rewards.write'])
  @Mutation(() => PurchasePayload, {
    description: 'CANCEL reverses a purchase’s awards and spend; RETURN claws back its awards in proportion to the net returned.',
  })
  purchaseAction(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => PurchaseActionInput) input: PurchaseActionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PurchasePayload> {
    return asPayload<PurchasePayload>(
      async () => {
        let action: { type: 'CANCEL' } | { type: 'RETURN'; net: string };
        if (input.action === 'CANCEL') action = { type: 'CANCEL' };
        else if (input.action === 'RETURN') {
          if (!input.net) throw AppError.validation('transaction_amounts.net', 'a return names the net amount returned', 'REQUIRED');
          action = { type: 'RETURN', net: input.net };
        } else throw AppError.validation('action', 'must be CANCEL or RETURN', 'INVALID_VALUE');
        const r = await this.purchases.action(request(ctx), id, action);
        return { ...done(r), referenceNumber: r.state.referenceNumber };
      },
      () => ({ ...none(), referenceNumber: null }),
    );
  }
}
