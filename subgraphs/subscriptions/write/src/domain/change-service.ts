import { AppError } from '@crm/platform/errors';
import type { ServiceAction } from '@crm/event-bus/contracts/subscriptions';
import type { SubscriptionChange, SubscriptionState } from './subscription';
import { requestAction, type When } from './when';

/** PUT /services/{id}: one service's action, immediate or scheduled. */
export interface ChangeService {
  actionId: string;
  serviceId: string;
  action: ServiceAction;
  /** CHANGE: what the service becomes (the new service gets `newServiceId`). */
  changeTo: { serviceId: string; productId: string; priceTermsId: string | null; quantity: number } | null;
  when: When;
  now: Date;
}

/** Decides a service action (pure): the transition table's answer, now or at the scheduled date. */
export function changeService(state: SubscriptionState | null, cmd: ChangeService): SubscriptionChange[] {
  if (!state) throw AppError.notFound('service', cmd.serviceId);
  return requestAction(
    state,
    { scope: 'SERVICE', serviceId: cmd.serviceId, action: cmd.action, changeTo: cmd.action === 'CHANGE' ? cmd.changeTo : null },
    cmd.actionId,
    cmd.when,
    cmd.now,
  );
}
