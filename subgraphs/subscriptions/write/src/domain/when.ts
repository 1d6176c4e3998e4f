import { AppError } from '@crm/platform/errors';
import type { ActionRequest } from '@crm/event-bus/contracts/subscriptions';
import { changesOf } from './apply-action';
import { proposedDate } from './proposed-date';
import type { SubscriptionChange, SubscriptionState } from './subscription';

/** When an action runs: now, at a given date, or at the engine's proposed date (`use_proposed_date`). */
export type When = { kind: 'NOW' } | { kind: 'AT'; date: Date } | { kind: 'PROPOSED' };

/** The date a scheduled action will run at, or null when it runs now. */
export function dateOf(state: SubscriptionState, when: When, now: Date): Date | null {
  if (when.kind === 'NOW') return null;
  if (when.kind === 'PROPOSED') return proposedDate(state.billingDay, now);
  if (when.date.getTime() <= now.getTime()) throw AppError.validation('scheduled_date', 'must be in the future', 'INVALID_DATE');
  return when.date;
}

/**
 * Records an action on the subscription: checked against the current state either way (a refusal
 * is a 409 now, not a surprise later); run now → action_executed + its changes; later →
 * action_scheduled (the scheduler re-checks when it comes due).
 */
export function requestAction(state: SubscriptionState, request: ActionRequest, actionId: string, when: When, now: Date): SubscriptionChange[] {
  if (state.state === 'CHURNED')
    throw new AppError('CONFLICT', 'the subscription has churned; add services to start a new one', { reason: 'SUBSCRIPTION_CHURNED' });
  const effects = changesOf(state, request, actionId, now);
  const at = dateOf(state, when, now);
  if (!at) return [{ type: 'subscription.action_executed', data: { actionId, request, scheduled: false } }, ...effects];
  return [
    {
      type: 'subscription.action_scheduled',
      data: { actionId, request, scheduledDate: at.toISOString(), usedProposedDate: when.kind === 'PROPOSED' },
    },
  ];
}
