import { AppError } from '@crm/platform/errors';
import type { ServiceAction, ServiceStateName } from '@crm/event-bus/contracts/subscriptions';
import { changesOf } from './apply-action';
import { proposedDate } from './proposed-date';
import type { SubscriptionState } from './subscription';

/** The estimate actions of POST /estimates/service_delivery and the service action each one is. */
export const ESTIMATE_ACTIONS = {
  NEW: null,
  UPGRADE: 'CHANGE',
  DOWNGRADE: 'CHANGE',
  CHANGE: 'CHANGE',
  PAUSE: 'PAUSE',
  RESUME: 'RESUME',
  CANCEL: 'CANCEL',
  REGRET: 'REGRET',
  ACTIVATE: 'ACTIVATE',
} as const satisfies Record<string, ServiceAction | null>;
export type EstimateAction = keyof typeof ESTIMATE_ACTIONS;

export interface EstimateRequest {
  action: EstimateAction;
  serviceIds: string[];
  changeTo: { productId: string; priceTermsId: string | null; quantity: number } | null;
  scheduledDate: Date | null;
  now: Date;
}

export interface ServiceEstimate {
  id: string;
  productId: string;
  quantity: number;
  /** The state the service would be in after the action (its current state when refused). */
  state: ServiceStateName;
}

export interface Estimate {
  allowed: boolean;
  /** Why not, when not allowed (the decider's refusal reason). */
  refusal: string | null;
  executionOn: Date;
  nextBillingAt: Date | null;
  services: ServiceEstimate[];
}

/**
 * A dry run of a service action on the subscription (pure): the same deciders as the real
 * action, nothing saved. NEW needs no subscription (the services would be EFFECTIVE, or DRAFT
 * until a scheduled start).
 */
export function estimate(state: SubscriptionState | null, req: EstimateRequest): Estimate {
  if (req.scheduledDate && req.scheduledDate.getTime() <= req.now.getTime())
    throw AppError.validation('scheduled_date', 'must be in the future', 'INVALID_DATE');
  const executionOn = req.scheduledDate ?? req.now;
  const action = ESTIMATE_ACTIONS[req.action];
  if (action === null) {
    return { allowed: true, refusal: null, executionOn, nextBillingAt: state ? proposedDate(state.billingDay, executionOn) : null, services: [] };
  }
  if (!state) throw AppError.notFound('service', req.serviceIds[0] ?? '');
  if (req.serviceIds.length === 0) throw AppError.validation('services', `name the services to ${req.action}`, 'REQUIRED');
  if (action === 'CHANGE' && !req.changeTo)
    throw AppError.validation('services_to_change.0.to_service_product_id', `is required to ${req.action}`, 'REQUIRED');
  const services: ServiceEstimate[] = [];
  let refusal: string | null = null;
  for (const serviceId of req.serviceIds) {
    const service = state.services.find((s) => s.id === serviceId);
    if (!service) throw AppError.notFound('service', serviceId);
    try {
      const changes = changesOf(
        state,
        { scope: 'SERVICE', serviceId, action, changeTo: action === 'CHANGE' && req.changeTo ? { ...req.changeTo, serviceId } : null },
        serviceId,
        executionOn,
      );
      const moved = changes.find((c) => c.type === 'subscription.service_state_changed');
      services.push({
        id: service.id,
        productId: service.productId,
        quantity: service.quantity,
        state: moved?.type === 'subscription.service_state_changed' ? moved.data.to : service.state,
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err;
      refusal ??= err.reason ?? err.code;
      services.push({ id: service.id, productId: service.productId, quantity: service.quantity, state: service.state });
    }
  }
  return { allowed: refusal === null, refusal, executionOn, nextBillingAt: proposedDate(state.billingDay, executionOn), services };
}
