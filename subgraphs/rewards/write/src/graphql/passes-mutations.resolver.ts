import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, Authorized, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { CommandResult, RequestContext } from '@crm/event-bus/kit';
import type { PassesService } from '../application/passes/passes-service';
import type { PassPlanInput as PlanCommand } from '../domain/passes/pass-plan';
import type { PromotionInput as PromotionCommand } from '../domain/passes/promotion';
import { IssuePassesInput, PassPlanInput, ProcessorPurchaseInput, PromotionInput, ReclaimPurchaseInput, RedeemPassInput } from './passes-inputs';
import type { ReclaimService } from '../application/reclaim/reclaim-service';

@ObjectType({ description: 'Result of a pass or promotion mutation.' })
export class PassesPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'An issued pass: its code and PIN are answered here only (kept hashed).' })
export class IssuedPass {
  @Field(() => ID) id: string;
  @Field(() => String) code: string;
  @Field(() => String, { nullable: true }) pin: string | null;
  @Field(() => String, { nullable: true, description: 'PROMOTION passes: the token of GET /passes/view_promo_pass.' }) viewToken: string | null;
  @Field(() => String) value: string;
  @Field(() => String) currency: string;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
}

@ObjectType()
export class IssuePassesPayload {
  @Field(() => ID, { nullable: true }) batchId: string | null;
  @Field(() => [IssuedPass]) passes: IssuedPass[];
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class RedeemPassPayload extends PassesPayload {
  @Field(() => String, { nullable: true }) value: string | null;
  @Field(() => String, { nullable: true }) currency: string | null;
  @Field(() => String, { nullable: true, description: 'The ledger transaction of the credit (null while it is being posted).' }) transactionId:
    | string
    | null;
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

const plan = (i: PassPlanInput): PlanCommand => ({
  ...i,
  description: i.description ?? null,
  valueType: i.valueType ?? null,
  minimum: i.minimum ?? null,
  maximum: i.maximum ?? null,
  validityPeriod: i.validityPeriod ?? null,
  validityUot: i.validityUot ?? null,
  validityFixedDate: i.validityFixedDate ?? null,
  commercePoolId: i.commercePoolId ?? null,
  promotionId: i.promotionId ?? null,
  rewardOfferId: i.rewardOfferId ?? null,
});
const promotion = (i: PromotionInput): PromotionCommand => ({
  ...i,
  shortDescription: i.shortDescription ?? null,
  longDescription: i.longDescription ?? null,
  availableFrom: i.availableFrom ?? null,
  availableTo: i.availableTo ?? null,
  rewardOfferId: i.rewardOfferId ?? null,
});

@Resolver()
export class PassesMutationsResolver {
  constructor(
    private readonly passes: PassesService,
    private readonly reclaims: ReclaimService,
  ) {}

  @Authorized(['rewards.write'])
  @Mutation(() => PassesPayload, { description: 'A transaction processor’s purchase without a contact, for a contact to reclaim (flow 13).' })
  submitProcessorPurchase(
    @Arg('input', () => ProcessorPurchaseInput) input: ProcessorPurchaseInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PassesPayload> {
    return asPayload<PassesPayload>(
      async () =>
        done(
          await this.reclaims.submit(
            request(ctx),
            {
              transactionCode: input.transactionCode,
              organisationId: input.organisationId ?? null,
              currency: input.currency,
              amounts: { total: input.total, net: input.net, tax: input.tax ?? null, discount: input.discount ?? null },
              classification: input.classification ?? null,
              purchasedAt: input.purchasedAt ?? null,
            },
            idempotencyKey,
          ),
        ),
      none,
    );
  }

  @Authorized(['rewards.write', SELF])
  @Mutation(() => PassesPayload, {
    description:
      'Reclaims a processor-submitted purchase for the contact (once): the purchase is posted for it, with its awards. Answers the purchase id.',
  })
  reclaimPurchase(@Arg('input', () => ReclaimPurchaseInput) input: ReclaimPurchaseInput, @Ctx() ctx: SubgraphContext): Promise<PassesPayload> {
    return asPayload<PassesPayload>(async () => {
      const asked = input.contactId ? idOf(input.contactId, 'contactId') : null;
      const contactId = asked ?? (ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null);
      if (!contactId) throw AppError.validation('contactId', 'name the contact reclaiming the purchase', 'REQUIRED');
      assertOwnContact(ctx.principal, contactId);
      return done(
        await this.reclaims.reclaim(request(ctx), {
          ref: input.id,
          contactId,
          transactionCode: input.transactionCode ?? null,
          total: input.total ?? null,
          organisationId: input.organisationId ?? null,
        }),
      );
    }, none);
  }

  @Authorized(['rewards.write'])
  @Mutation(() => PassesPayload, { description: 'Creates a pass plan (ACTIVE unless state INACTIVE).' })
  createPassPlan(
    @Arg('input', () => PassPlanInput) input: PassPlanInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PassesPayload> {
    return asPayload<PassesPayload>(async () => done(await this.passes.createPlan(request(ctx), plan(input), idempotencyKey)), none);
  }

  @Authorized(['rewards.write'])
  @Mutation(() => PassesPayload, { description: 'Changes a pass plan; its terms only while it has no passes.' })
  updatePassPlan(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => PassPlanInput) input: PassPlanInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PassesPayload> {
    return asPayload<PassesPayload>(async () => done(await this.passes.updatePlan(request(ctx), idOf(id, 'id'), plan(input))), none);
  }

  @Authorized(['rewards.write'])
  @Mutation(() => IssuePassesPayload, { description: 'Issues passes of an ACTIVE plan; their codes and PINs are answered once.' })
  issuePasses(@Arg('input', () => IssuePassesInput) input: IssuePassesInput, @Ctx() ctx: SubgraphContext): Promise<IssuePassesPayload> {
    return asPayload<IssuePassesPayload>(
      async () => {
        const r = await this.passes.issue(request(ctx), {
          planId: idOf(input.passPlanId, 'passPlanId'),
          count: input.count,
          value: input.passValue ?? null,
          printed: input.printed,
          recipient: input.recipient
            ? { name: input.recipient.name ?? null, mediumType: input.recipient.mediumType ?? null, mediumValue: input.recipient.mediumValue ?? null }
            : null,
          giftSender: input.giftSender ? { name: input.giftSender.name ?? null, message: input.giftSender.message ?? null } : null,
        });
        return {
          batchId: r.batchId,
          passes: r.passes.map((p) => ({ ...p, expiresAt: p.expiresAt ? new Date(p.expiresAt) : null })),
          consistencyToken: r.consistency ? formatConsistencyToken(r.consistency) : null,
          errors: [],
        };
      },
      () => ({ batchId: null, passes: [], consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['rewards.write'])
  @Mutation(() => PassesPayload, { description: 'Cancels (CANCELLED) or re-activates (ACTIVE) an unredeemed pass.' })
  setPassState(@Arg('id', () => ID) id: string, @Arg('state', () => String) state: string, @Ctx() ctx: SubgraphContext): Promise<PassesPayload> {
    return asPayload<PassesPayload>(async () => done(await this.passes.setPassState(request(ctx), idOf(id, 'id'), state)), none);
  }

  @Authorized(['rewards.write', SELF])
  @Mutation(() => RedeemPassPayload, {
    description: 'Redeems a pass (once): its value is credited to the contact’s wallet through the ledger. A contact redeems only for itself.',
  })
  redeemPass(@Arg('input', () => RedeemPassInput) input: RedeemPassInput, @Ctx() ctx: SubgraphContext): Promise<RedeemPassPayload> {
    return asPayload<RedeemPassPayload>(
      async () => {
        const asked = input.contactId ? idOf(input.contactId, 'contactId') : null;
        const contactId = asked ?? (ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null);
        if (!contactId) throw AppError.validation('contactId', 'name the contact whose wallet is credited', 'REQUIRED');
        assertOwnContact(ctx.principal, contactId);
        if (!input.code.trim()) throw AppError.validation('code', 'must not be empty', 'REQUIRED');
        const r = await this.passes.redeem(request(ctx), {
          code: input.code,
          pin: input.pin ?? null,
          contactId,
          organisationId: input.organisationId ?? null,
          verifyContact: ctx.principal.kind !== 'contact',
        });
        return {
          ...done(r),
          value: r.state.redemption?.value ?? null,
          currency: r.state.redemption?.currency ?? null,
          transactionId: r.state.redemption?.transactionId ?? null,
        };
      },
      () => ({ ...none(), value: null, currency: null, transactionId: null }),
    );
  }

  @Authorized(['rewards.write'])
  @Mutation(() => PassesPayload, { description: 'Creates a promotion.' })
  createPromotion(
    @Arg('input', () => PromotionInput) input: PromotionInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PassesPayload> {
    return asPayload<PassesPayload>(async () => done(await this.passes.createPromotion(request(ctx), promotion(input), idempotencyKey)), none);
  }

  @Authorized(['rewards.write'])
  @Mutation(() => PassesPayload, { description: 'Replaces a promotion’s document.' })
  updatePromotion(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => PromotionInput) input: PromotionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PassesPayload> {
    return asPayload<PassesPayload>(async () => done(await this.passes.updatePromotion(request(ctx), idOf(id, 'id'), promotion(input))), none);
  }

  @Authorized(['rewards.write'])
  @Mutation(() => PassesPayload, { description: 'Deletes a promotion.' })
  deletePromotion(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<PassesPayload> {
    return asPayload<PassesPayload>(async () => done(await this.passes.deletePromotion(request(ctx), idOf(id, 'id'))), none);
  }
}
