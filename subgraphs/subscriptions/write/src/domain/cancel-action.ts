import { AppError } from '@crm/platform/errors';
import type { SubscriptionChange, SubscriptionState } from './subscription';

/** PUT /subscriptions/actions/{id} {action: CANCEL}: revoke a scheduled action before it is due. */
export interface CancelAction {
  actionId: string;
}

export function cancelAction(state: SubscriptionState | null, cmd: CancelAction): SubscriptionChange[] {
  if (!state) throw AppError.notFound('subscription action', cmd.actionId);
  if (!state.scheduled.some((a) => a.id === cmd.actionId))
    throw new AppError('CONFLICT', 'only a SCHEDULED action can be cancelled', { reason: 'ACTION_NOT_SCHEDULED' });
  return [{ type: 'subscription.action_cancelled', data: { actionId: cmd.actionId } }];
}
