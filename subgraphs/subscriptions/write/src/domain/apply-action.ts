import { AppError } from '@crm/platform/errors';
import type { ActionRequest, ServiceSnapshot } from '@crm/event-bus/contracts/subscriptions';
import { subscriptionStateOf, TERMINAL_STATES, type SubscriptionChange, type SubscriptionState } from './subscription';
import { nextServiceState } from './service-transitions';

/** The service of this subscription, or SERVICE_NOT_FOUND. */
export function serviceOf(state: SubscriptionState, serviceId: string): ServiceSnapshot {
  const service = state.services.find((s) => s.id === serviceId);
  if (!service) throw AppError.notFound('service', serviceId);
  return service;
}

/**
 * The state changes an action makes when it runs at `now` (pure; throws the refusal). Used by an
 * immediate action, by the scheduler when a scheduled one comes due, and (dry run) by estimates.
 */
export function changesOf(state: SubscriptionState, request: ActionRequest, actionId: string, now: Date): SubscriptionChange[] {
  const services = [...state.services];
  const changes: SubscriptionChange[] = [];
  const move = (service: ServiceSnapshot, action: Parameters<typeof nextServiceState>[1]) => {
    const to = nextServiceState(service, action, now);
    const firstEffectiveAt = to === 'EFFECTIVE' && !service.firstEffectiveAt ? now.toISOString() : null;
    services[services.findIndex((s) => s.id === service.id)] = { ...service, state: to };
    changes.push({
      type: 'subscription.service_state_changed',
      data: { serviceId: service.id, action, from: service.state, to, actionId, firstEffectiveAt, subscriptionState: subscriptionStateOf(services) },
    });
  };
  if (request.scope === 'SERVICE') {
    const service = serviceOf(state, request.serviceId);
    if (request.action === 'CHANGE' && !request.changeTo)
      throw AppError.validation('change_to_service', 'is required to CHANGE a service', 'REQUIRED');
    nextServiceState(service, request.action, now);
    if (request.action === 'CHANGE' && request.changeTo) {
      // the new service first, so the subscription never looks churned in between
      const c = request.changeTo;
      const next: ServiceSnapshot = {
        id: c.serviceId,
        productId: c.productId,
        priceTermsId: c.priceTermsId,
        quantity: c.quantity,
        state: 'EFFECTIVE',
        trialEndsAt: null,
        contractEndsAt: service.contractEndsAt,
        autoRenewal: service.autoRenewal,
        firstEffectiveAt: now.toISOString(),
      };
      services.push(next);
      changes.push({ type: 'subscription.service_added', data: { service: next, actionId, subscriptionState: subscriptionStateOf(services) } });
    }
    move(service, request.action);
    return changes;
  }
  switch (request.action) {
    case 'CHANGE_BILLING_DAY':
    case 'CHANGE_PAYMENT_METHOD': {
      const billingDay = request.action === 'CHANGE_BILLING_DAY' ? request.billingDay : state.billingDay;
      if (billingDay === null) throw AppError.validation('billing_day.day_of_month', 'is required to CHANGE_BILLING_DAY (1 to 28)', 'REQUIRED');
      const paymentMethodType = request.action === 'CHANGE_PAYMENT_METHOD' ? request.paymentMethodType : state.paymentMethodType;
      if (paymentMethodType === null) throw AppError.validation('payment_method_type', 'is required to CHANGE_PAYMENT_METHOD', 'REQUIRED');
      const paymentMethodId = request.action === 'CHANGE_PAYMENT_METHOD' ? request.paymentMethodId : state.paymentMethodId;
      return [{ type: 'subscription.terms_changed', data: { billingDay, paymentMethodType, paymentMethodId, actionId } }];
    }
    case 'CANCEL': {
      const live = state.services.filter((s) => !TERMINAL_STATES.has(s.state));
      if (live.length === 0)
        throw new AppError('CONFLICT', 'every service of the subscription has ended already', { reason: 'SUBSCRIPTION_CHURNED' });
      for (const service of live) move(service, service.state === 'DRAFT' ? 'REMOVE' : 'CANCEL');
      return changes;
    }
  }
}
