import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { asPayload, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { RequestContext } from '@crm/event-bus/kit';
import { AUTO_RENEWAL_PREFERENCES, PAYMENT_METHOD_TYPES, SERVICE_ACTIONS, SUBSCRIPTION_ACTIONS } from '@crm/event-bus/contracts/subscriptions';
import type { ActionResult, SubscriptionCommands } from '../application/subscription-commands';
import { PERIOD_UNITS, type Period } from '../domain/add-services';
import type { When } from '../domain/when';
import { AddServicesInput, ChangeServiceInput, ChangeSubscriptionInput, type ServicePeriodInput } from './inputs';

@ObjectType({ description: 'Result of adding services to a contact.' })
export class AddServicesPayload {
  @Field(() => ID, { nullable: true, description: 'The subscription the services joined (or that was opened).' }) subscriptionId: string | null;
  @Field(() => [ID]) serviceIds: string[];
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'Result of a subscription action (immediate or scheduled).' })
export class SubscriptionActionPayload {
  @Field(() => ID, { nullable: true }) actionId: string | null;
  @Field(() => ID, { nullable: true }) subscriptionId: string | null;
  @Field(() => Date, { nullable: true, description: 'When a scheduled action will run (the given or the proposed date); null when it ran now.' })
  scheduledDate: Date | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

function oneOf<T extends string>(values: readonly T[], field: string, value: string): T {
  if (!(values as readonly string[]).includes(value)) throw AppError.validation(field, `must be one of ${values.join(', ')}`, 'INVALID_ENUM');
  return value as T;
}

function idOf(field: string, value: string): string {
  const id = canonicalId(value);
  if (!id) throw AppError.validation(field, 'must be a UUID', 'INVALID_ID');
  return id;
}

function periodOf(field: string, p: ServicePeriodInput | null): Period | null {
  if (!p) return null;
  if (!Number.isInteger(p.duration) || p.duration < 1 || p.duration > 1000)
    throw AppError.validation(`${field}.duration`, 'must be 1 to 1000', 'INVALID_VALUE');
  return { duration: p.duration, uot: oneOf(PERIOD_UNITS, `${field}.uot`, p.uot) };
}

function whenOf(input: { scheduledDate?: Date | null; useProposedDate?: boolean | null }): When {
  if (input.useProposedDate && input.scheduledDate)
    throw AppError.validation('scheduledDate', 'give scheduledDate or useProposedDate, not both', 'INVALID_VALUE');
  if (input.useProposedDate) return { kind: 'PROPOSED' };
  return input.scheduledDate ? { kind: 'AT', date: input.scheduledDate } : { kind: 'NOW' };
}

/** The command context; a signed-in contact may act on its own subscriptions only (`owner`). */
const requestOf = (ctx: SubgraphContext): RequestContext & { owner: string | null } => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
  owner: ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null,
});

const actionPayload = (r: ActionResult): SubscriptionActionPayload => ({
  actionId: r.actionId,
  subscriptionId: r.subscriptionId,
  scheduledDate: r.scheduledDate,
  consistencyToken: formatConsistencyToken(r.consistency),
  errors: [],
});
const emptyAction = (): SubscriptionActionPayload => ({
  actionId: null,
  subscriptionId: null,
  scheduledDate: null,
  consistencyToken: null,
  errors: [],
});

@Resolver()
export class SubscriptionMutationsResolver {
  constructor(
    private readonly commands: SubscriptionCommands,
    /** Whether the tenant has the contact (its projection of contact events); null: not checked (SDL printing). */
    private readonly contactExists: ((tenantId: string, contactId: string) => Promise<boolean>) | null = null,
  ) {}

  @Authorized(['subscriptions.write', SELF])
  @Mutation(() => AddServicesPayload, {
    description:
      "Adds services to a contact: they join the contact's live subscription for the account, or open a new one. Repeating a call with the same idempotencyKey returns the first result.",
  })
  addContactServices(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('input', () => AddServicesInput) input: AddServicesInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AddServicesPayload> {
    return asPayload<AddServicesPayload>(
      async () => {
        const services = input.services.map((s, i) => ({
          productId: s.productId,
          priceTermsId: s.priceTermsId ?? null,
          quantity: s.quantity ?? 1,
          trial: periodOf(`services[${i}].trialPeriod`, s.trialPeriod ?? null),
          contract: periodOf(`services[${i}].contractPeriod`, s.contractPeriod ?? null),
          autoRenewal: oneOf(AUTO_RENEWAL_PREFERENCES, `services[${i}].autoRenewal`, s.autoRenewal ?? 'OPT_IN'),
        }));
        services.forEach((s, i) => {
          if (s.productId.length < 1 || s.productId.length > 64)
            throw AppError.validation(`services[${i}].productId`, 'must be 1 to 64 characters', 'INVALID_LENGTH');
        });
        const subscriber = idOf('contactId', contactId);
        assertOwnContact(ctx.principal, subscriber);
        if (this.contactExists && !(await this.contactExists(ctx.principal.tenantId, subscriber)))
          throw new AppError('NOT_FOUND', `contact ${subscriber} was not found`, { reason: 'CONTACT_NOT_FOUND', field: 'contactId' });
        const result = await this.commands.addServices(
          requestOf(ctx),
          {
            contactId: subscriber,
            accountId: input.accountId ?? null,
            paymentMethodType: input.paymentMethodType == null ? null : oneOf(PAYMENT_METHOD_TYPES, 'paymentMethodType', input.paymentMethodType),
            services,
            startAt: input.scheduledDate ?? null,
          },
          idempotencyKey,
        );
        return {
          subscriptionId: result.subscriptionId,
          serviceIds: result.serviceIds,
          consistencyToken: result.consistency ? formatConsistencyToken(result.consistency) : null,
          errors: [],
        };
      },
      () => ({ subscriptionId: null, serviceIds: [], consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['subscriptions.write', SELF])
  @Mutation(() => SubscriptionActionPayload, {
    description: "Changes one service (the service state machine), now or at a date (or the engine's proposed date).",
  })
  changeService(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ChangeServiceInput) input: ChangeServiceInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SubscriptionActionPayload> {
    return asPayload<SubscriptionActionPayload>(async () => {
      const serviceId = canonicalId(id);
      if (!serviceId) throw AppError.notFound('service', id);
      const changeTo = input.changeTo
        ? { productId: input.changeTo.productId, priceTermsId: input.changeTo.priceTermsId ?? null, quantity: input.changeTo.quantity ?? 1 }
        : null;
      const result = await this.commands.changeService(requestOf(ctx), {
        serviceId,
        action: oneOf(SERVICE_ACTIONS, 'action', input.action),
        changeTo,
        when: whenOf(input),
      });
      return actionPayload(result);
    }, emptyAction);
  }

  @Authorized(['subscriptions.write', SELF])
  @Mutation(() => SubscriptionActionPayload, {
    description: 'Changes a subscription (billing day, payment method) or cancels all its services, now or scheduled.',
  })
  changeSubscription(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ChangeSubscriptionInput) input: ChangeSubscriptionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SubscriptionActionPayload> {
    return asPayload<SubscriptionActionPayload>(async () => {
      const subscriptionId = canonicalId(id);
      if (!subscriptionId) throw AppError.notFound('subscription', id);
      if (input.billingDay != null && (!Number.isInteger(input.billingDay) || input.billingDay < 1 || input.billingDay > 28))
        throw AppError.validation('billingDay', 'must be a day of month from 1 to 28', 'INVALID_VALUE');
      const result = await this.commands.changeSubscription(requestOf(ctx), {
        subscriptionId,
        action: oneOf(SUBSCRIPTION_ACTIONS, 'action', input.action),
        billingDay: input.billingDay ?? null,
        paymentMethodType: input.paymentMethodType == null ? null : oneOf(PAYMENT_METHOD_TYPES, 'paymentMethodType', input.paymentMethodType),
        paymentMethodId: input.paymentMethodId ?? null,
        when: whenOf(input),
      });
      return actionPayload(result);
    }, emptyAction);
  }

  @Authorized(['subscriptions.write', SELF])
  @Mutation(() => SubscriptionActionPayload, { description: 'Revokes a SCHEDULED subscription action (it becomes CANCELLED).' })
  cancelSubscriptionAction(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<SubscriptionActionPayload> {
    return asPayload<SubscriptionActionPayload>(async () => {
      const actionId = canonicalId(id);
      if (!actionId) throw AppError.notFound('subscription action', id);
      return actionPayload(await this.commands.cancelAction(requestOf(ctx), actionId));
    }, emptyAction);
  }
}
