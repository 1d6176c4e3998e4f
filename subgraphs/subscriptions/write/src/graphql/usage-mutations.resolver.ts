import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { USAGE_BILLING_DIRECTIVES } from '@crm/event-bus/contracts/subscriptions';
import type { RequestContext } from '@crm/event-bus/kit';
import type { UsageCommands } from '../application/usage-commands';

@InputType({ description: 'One usage detail record (amounts are exact decimal strings).' })
export class UsageRecordInput {
  @Field(() => String, { description: 'The usage product used (an opaque id here).' }) usageProductId: string;
  @Field(() => String, { description: 'A positive decimal, at most 6 decimals.' }) usageAmount: string;
  @Field(() => String, { nullable: true }) measurementUnit: string | null;
  @Field(() => Date) usageTimestamp: Date;
  @Field(() => String, { nullable: true, description: 'A decimal of 0 or more (with currencyCode).' }) chargedAmount: string | null;
  @Field(() => String, { nullable: true }) currencyCode: string | null;
  @Field(() => String, { nullable: true, description: 'TO_BE_BILLED (default) | NOT_TO_BE_BILLED | TO_BE_CREDITED' }) billingDirective: string | null;
}

@InputType({ description: 'Limits for one usage product (exact decimal strings; null = no limit).' })
export class UsageAllowanceInput {
  @Field(() => String) productId: string;
  @Field(() => String, { nullable: true }) measurementUnit: string | null;
  @Field(() => String, { nullable: true }) perTransaction: string | null;
  @Field(() => String, { nullable: true }) perDay: string | null;
  @Field(() => String, { nullable: true }) perBillingCycle: string | null;
}

@ObjectType()
export class UsageRecordPayload {
  @Field(() => ID, { nullable: true }) usageRecordId: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class UsageAllowancePayload {
  @Field(() => ID, { nullable: true }) serviceId: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

const text = (field: string, v: string | null | undefined, max: number): string | null => {
  if (v === null || v === undefined) return null;
  if (v.length < 1 || v.length > max) throw AppError.validation(field, `must be 1 to ${max} characters`, 'INVALID_LENGTH');
  return v;
};

const requestOf = (ctx: SubgraphContext): RequestContext => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
});

@Resolver()
export class UsageMutationsResolver {
  constructor(private readonly commands: UsageCommands) {}

  @Authorized(['subscriptions.write'])
  @Mutation(() => UsageRecordPayload, {
    description: 'Posts a usage detail record against an EFFECTIVE service (mediation). The same idempotencyKey again answers the first record.',
  })
  postUsageRecord(
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('input', () => UsageRecordInput) input: UsageRecordInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UsageRecordPayload> {
    return asPayload<UsageRecordPayload>(
      async () => {
        const service = canonicalId(serviceId);
        if (!service) throw AppError.notFound('service', serviceId);
        const directive = input.billingDirective ?? 'TO_BE_BILLED';
        if (!(USAGE_BILLING_DIRECTIVES as readonly string[]).includes(directive))
          throw AppError.validation('billingDirective', `must be one of ${USAGE_BILLING_DIRECTIVES.join(', ')}`, 'INVALID_ENUM');
        if (input.currencyCode != null && !/^[A-Z]{3}$/.test(input.currencyCode))
          throw AppError.validation('currencyCode', 'must be a 3-letter ISO 4217 code', 'INVALID_VALUE');
        const posted = await this.commands.postRecord(
          requestOf(ctx),
          service,
          {
            usageProductId: text('usageProductId', input.usageProductId, 64) as string,
            usageAmount: input.usageAmount,
            measurementUnit: text('measurementUnit', input.measurementUnit, 32),
            usageTimestamp: input.usageTimestamp,
            chargedAmount: input.chargedAmount ?? null,
            currencyCode: input.currencyCode ?? null,
            billingDirective: directive as (typeof USAGE_BILLING_DIRECTIVES)[number],
          },
          idempotencyKey,
        );
        return { usageRecordId: posted.id, consistencyToken: posted.consistency ? formatConsistencyToken(posted.consistency) : null, errors: [] };
      },
      () => ({ usageRecordId: null, consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['subscriptions.write'])
  @Mutation(() => UsageAllowancePayload, { description: "Sets a service's usage allowance: limits per usage product (the whole list)." })
  setServiceUsageAllowance(
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('allowances', () => [UsageAllowanceInput]) allowances: UsageAllowanceInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<UsageAllowancePayload> {
    return asPayload<UsageAllowancePayload>(
      async () => {
        const service = canonicalId(serviceId);
        if (!service) throw AppError.notFound('service', serviceId);
        if (allowances.length > 50) throw AppError.validation('allowances', 'at most 50', 'TOO_MANY');
        const list = allowances.map((a, i) => ({
          productId: text(`allowances[${i}].productId`, a.productId, 64) as string,
          measurementUnit: text(`allowances[${i}].measurementUnit`, a.measurementUnit, 32),
          limits: { perTransaction: a.perTransaction ?? null, perDay: a.perDay ?? null, perBillingCycle: a.perBillingCycle ?? null },
        }));
        const r = await this.commands.setAllowance(requestOf(ctx), service, list);
        return { serviceId: r.state.id, consistencyToken: formatConsistencyToken(r.consistency), errors: [] };
      },
      () => ({ serviceId: null, consistencyToken: null, errors: [] }),
    );
  }
}
