import { AppError } from '@crm/platform/errors';
import type { SubscriptionChange, SubscriptionState } from './subscription';
import { changesOf } from './apply-action';

/** The scheduler's command: run one scheduled action if it is due. */
export interface ExecuteAction {
  actionId: string;
  now: Date;
}

/**
 * Runs a scheduled action (pure). Nothing happens when it is no longer SCHEDULED (executed,
 * rejected or cancelled already: each action runs once) or not due yet (never early). A refusal
 * at that time rejects the action with its reason instead of failing.
 */
export function executeAction(state: SubscriptionState | null, cmd: ExecuteAction): SubscriptionChange[] {
  const action = state?.scheduled.find((a) => a.id === cmd.actionId);
  if (!state || !action) return [];
  if (Date.parse(action.scheduledDate) > cmd.now.getTime()) return [];
  try {
    const effects = changesOf(state, action.request, action.id, cmd.now);
    return [{ type: 'subscription.action_executed', data: { actionId: action.id, request: action.request, scheduled: true } }, ...effects];
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return [{ type: 'subscription.action_rejected', data: { actionId: action.id, reason: (err.reason ?? err.code).slice(0, 64) } }];
  }
}
