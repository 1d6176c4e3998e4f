import type { DataSource } from 'typeorm';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { SubgraphContext } from '@crm/platform/graphql';
import { estimate, ESTIMATE_ACTIONS, type EstimateAction } from '../domain/estimate';
import { subscriptionIdOfService, subscriptionStore } from '../persistence/subscription-store';
import { ChangeToServiceInput } from './inputs';

@InputType()
export class ServiceDeliveryEstimateInput {
  @Field(() => String, { description: 'NEW | UPGRADE | DOWNGRADE | CHANGE | PAUSE | RESUME | CANCEL | REGRET | ACTIVATE' }) action: string;
  @Field(() => [ID], { nullable: true, description: 'The services the action is on (all of one subscription).' }) serviceIds: string[] | null;
  @Field(() => ChangeToServiceInput, { nullable: true, description: 'UPGRADE / DOWNGRADE / CHANGE: what the services become.' })
  changeTo: ChangeToServiceInput | null;
  @Field(() => Date, { nullable: true }) scheduledDate: Date | null;
}

@ObjectType()
export class ServiceEstimateItem {
  @Field(() => ID) id: string;
  @Field(() => String) productId: string;
  @Field(() => Int) quantity: number;
  @Field(() => String, { description: 'The state after the action (the current one when refused).' }) state: string;
}

@ObjectType({ description: 'A dry run of a service action: whether it is allowed, when it would run and what it would do.' })
export class ServiceDeliveryEstimate {
  @Field(() => Boolean) allowed: boolean;
  @Field(() => String, { nullable: true }) refusal: string | null;
  @Field(() => Date) executionOn: Date;
  @Field(() => Date, { nullable: true }) nextBillingAt: Date | null;
  @Field(() => [ServiceEstimateItem]) services: ServiceEstimateItem[];
}

/** Service delivery estimates: the write side's deciders, run without saving (so an estimate and the action agree). */
@Resolver()
export class EstimateResolver {
  constructor(private readonly dataSource: DataSource | null) {}

  @Authorized(['subscriptions.read', SELF])
  @Query(() => ServiceDeliveryEstimate, { description: 'Estimates a service action (NOTES §4.7, flows 9 and 10) without doing it.' })
  async serviceDeliveryEstimate(
    @Arg('input', () => ServiceDeliveryEstimateInput) input: ServiceDeliveryEstimateInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ServiceDeliveryEstimate> {
    if (!(input.action in ESTIMATE_ACTIONS))
      throw AppError.validation('action', `must be one of ${Object.keys(ESTIMATE_ACTIONS).join(', ')}`, 'INVALID_ENUM');
    const serviceIds = (input.serviceIds ?? []).map((raw) => {
      const id = canonicalId(raw);
      if (!id) throw AppError.notFound('service', raw);
      return id;
    });
    const tenantId = ctx.principal.tenantId;
    const q = this.dataSource!.manager;
    const subscriptionId = serviceIds[0] ? await subscriptionIdOfService(q, tenantId, serviceIds[0]) : null;
    if (serviceIds[0] && !subscriptionId) throw AppError.notFound('service', serviceIds[0]);
    let state = subscriptionId ? await subscriptionStore.load(q, tenantId, subscriptionId) : null;
    if (state && ctx.principal.kind === 'contact' && state.contactId !== ctx.principal.subjectId) state = null;
    if (serviceIds[0] && !state) throw AppError.notFound('service', serviceIds[0]);
    const changeTo = input.changeTo
      ? { productId: input.changeTo.productId, priceTermsId: input.changeTo.priceTermsId ?? null, quantity: input.changeTo.quantity ?? 1 }
      : null;
    return estimate(state, {
      action: input.action as EstimateAction,
      serviceIds,
      changeTo,
      scheduledDate: input.scheduledDate ?? null,
      now: new Date(),
    });
  }
}
