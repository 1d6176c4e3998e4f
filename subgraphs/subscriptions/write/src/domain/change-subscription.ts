import { AppError } from '@crm/platform/errors';
import type { SubscriptionAction } from '@crm/event-bus/contracts/subscriptions';
import type { PaymentMethodType, SubscriptionChange, SubscriptionState } from './subscription';
import { requestAction, type When } from './when';

/** PUT /subscriptions/{id}: CHANGE_BILLING_DAY, CHANGE_PAYMENT_METHOD or CANCEL, immediate or scheduled. */
export interface ChangeSubscription {
  actionId: string;
  subscriptionId: string;
  action: SubscriptionAction;
  billingDay: number | null;
  paymentMethodType: PaymentMethodType | null;
  paymentMethodId: string | null;
  when: When;
  now: Date;
}

export function changeSubscription(state: SubscriptionState | null, cmd: ChangeSubscription): SubscriptionChange[] {
  if (!state) throw AppError.notFound('subscription', cmd.subscriptionId);
  return requestAction(
    state,
    {
      scope: 'SUBSCRIPTION',
      action: cmd.action,
      billingDay: cmd.billingDay,
      paymentMethodType: cmd.paymentMethodType,
      paymentMethodId: cmd.paymentMethodId,
    },
    cmd.actionId,
    cmd.when,
    cmd.now,
  );
}
