import { AppError } from '@crm/platform/errors';
import type { ServiceAction, ServiceSnapshot, ServiceStateName } from '@crm/event-bus/contracts/subscriptions';

/** Why an action is refused in a state (each a CONFLICT reason of subscriptions-write). */
export type TransitionRefusal =
  | 'SERVICE_ALREADY_EFFECTIVE'
  | 'SERVICE_ALREADY_PAUSED'
  | 'SERVICE_ALREADY_NOT_EFFECTIVE'
  | 'SERVICE_NOT_EFFECTIVE'
  | 'SERVICE_NOT_PAUSED'
  | 'SERVICE_PAUSED'
  | 'SERVICE_IS_DRAFT'
  | 'SERVICE_NOT_DRAFT'
  | 'SERVICE_TERMINATED';

export type TransitionOutcome = { to: ServiceStateName } | { refused: TransitionRefusal };

const to = (state: ServiceStateName): TransitionOutcome => ({ to: state });
const no = (reason: TransitionRefusal): TransitionOutcome => ({ refused: reason });
const terminal: Record<ServiceAction, TransitionOutcome> = {
  ACTIVATE: no('SERVICE_TERMINATED'),
  DEACTIVATE: no('SERVICE_TERMINATED'),
  PAUSE: no('SERVICE_TERMINATED'),
  RESUME: no('SERVICE_TERMINATED'),
  CANCEL: no('SERVICE_TERMINATED'),
  REGRET: no('SERVICE_TERMINATED'),
  CHANGE: no('SERVICE_TERMINATED'),
  REMOVE: no('SERVICE_TERMINATED'),
};

/**
 * The service state machine, every (state, action) pair: DRAFT → EFFECTIVE ⇄ PAUSED / NOT_EFFECTIVE →
 * CANCELLED | REGRETTED | SWAPPED (CHANGE) | REMOVED (a draft only). Guards on top of the table:
 * REGRET only inside the regret window, CANCEL not while in contract.
 */
export const SERVICE_TRANSITIONS: Record<ServiceStateName, Record<ServiceAction, TransitionOutcome>> = {
  DRAFT: {
    ACTIVATE: to('EFFECTIVE'),
    DEACTIVATE: no('SERVICE_NOT_EFFECTIVE'),
    PAUSE: no('SERVICE_NOT_EFFECTIVE'),
    RESUME: no('SERVICE_NOT_PAUSED'),
    CANCEL: no('SERVICE_IS_DRAFT'),
    REGRET: no('SERVICE_IS_DRAFT'),
    CHANGE: no('SERVICE_NOT_EFFECTIVE'),
    REMOVE: to('REMOVED'),
  },
  EFFECTIVE: {
    ACTIVATE: no('SERVICE_ALREADY_EFFECTIVE'),
    DEACTIVATE: to('NOT_EFFECTIVE'),
    PAUSE: to('PAUSED'),
    RESUME: no('SERVICE_NOT_PAUSED'),
    CANCEL: to('CANCELLED'),
    REGRET: to('REGRETTED'),
    CHANGE: to('SWAPPED'),
    REMOVE: no('SERVICE_NOT_DRAFT'),
  },
  PAUSED: {
    ACTIVATE: no('SERVICE_PAUSED'),
    DEACTIVATE: to('NOT_EFFECTIVE'),
    PAUSE: no('SERVICE_ALREADY_PAUSED'),
    RESUME: to('EFFECTIVE'),
    CANCEL: to('CANCELLED'),
    REGRET: to('REGRETTED'),
    CHANGE: no('SERVICE_NOT_EFFECTIVE'),
    REMOVE: no('SERVICE_NOT_DRAFT'),
  },
  NOT_EFFECTIVE: {
    ACTIVATE: to('EFFECTIVE'),
    DEACTIVATE: no('SERVICE_ALREADY_NOT_EFFECTIVE'),
    PAUSE: no('SERVICE_NOT_EFFECTIVE'),
    RESUME: no('SERVICE_NOT_PAUSED'),
    CANCEL: to('CANCELLED'),
    REGRET: to('REGRETTED'),
    CHANGE: no('SERVICE_NOT_EFFECTIVE'),
    REMOVE: no('SERVICE_NOT_DRAFT'),
  },
  CANCELLED: terminal,
  REGRETTED: terminal,
  SWAPPED: terminal,
  REMOVED: terminal,
};

/** Regret = cancellation inside this many days from the service's first activation. */
export const REGRET_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

/** The state `action` moves `service` to at `now`, or the refusal (pure; throws AppError CONFLICT). */
export function nextServiceState(service: ServiceSnapshot, action: ServiceAction, now: Date): ServiceStateName {
  const outcome = SERVICE_TRANSITIONS[service.state][action];
  if ('refused' in outcome) throw new AppError('CONFLICT', `cannot ${action} a ${service.state} service`, { reason: outcome.refused });
  if (action === 'REGRET') {
    const since = service.firstEffectiveAt ? Date.parse(service.firstEffectiveAt) : now.getTime();
    if (now.getTime() - since > REGRET_WINDOW_DAYS * DAY_MS)
      throw new AppError('CONFLICT', `the ${REGRET_WINDOW_DAYS}-day regret window has closed; cancel instead`, { reason: 'REGRET_WINDOW_CLOSED' });
  }
  if (action === 'CANCEL' && service.contractEndsAt && Date.parse(service.contractEndsAt) > now.getTime())
    throw new AppError('CONFLICT', `the service is in contract until ${service.contractEndsAt}`, { reason: 'SERVICE_IN_CONTRACT' });
  return outcome.to;
}
