import { AppError } from '@crm/platform/errors';
import type { OrderAction, OrderStateName } from '@crm/event-bus/contracts/orders';
import type { OrderChange, OrderState } from './order';
import { stageFor } from './queue';

/** Which action moves an order from which state to which (the default queue's stages); anything else is refused. */
export const TRANSITIONS: Record<OrderStateName, Partial<Record<OrderAction, OrderStateName>>> = {
  NEW: { START_PROGRESS: 'IN_PROGRESS', COMPLETE: 'COMPLETED', HOLD: 'ON_HOLD', CANCEL: 'CANCELLED' },
  IN_PROGRESS: { COMPLETE: 'COMPLETED', HOLD: 'ON_HOLD', CANCEL: 'CANCELLED' },
  ON_HOLD: { RESUME: 'IN_PROGRESS', CANCEL: 'CANCELLED' },
  COMPLETED: {},
  CANCELLED: {},
};

export interface ActOnOrder {
  action: OrderAction;
  cancellationReasonId: string | null;
  /** The signed-in contact acting on its own order (it may only cancel a NEW order and mark favorites), or null. */
  contact: string | null;
}

/**
 * Whether the action is allowed on the order now (pure): a contact acts only on its own orders
 * (404 otherwise), may only CANCEL while the order is NEW, and MARK_FAVORITE; the transition
 * must be one of the queue's. Returns the target state (null for MARK_FAVORITE).
 */
export function checkAction(state: OrderState | null, cmd: ActOnOrder): OrderStateName | null {
  if (!state || (cmd.contact !== null && state.contactId !== cmd.contact))
    throw new AppError('NOT_FOUND', 'no such order', { reason: 'ORDER_NOT_FOUND' });
  if (cmd.action !== 'CANCEL' && cmd.cancellationReasonId !== null)
    throw AppError.validation('cancellationReasonId', 'applies to CANCEL only', 'INVALID_VALUE');
  if (cmd.action === 'MARK_FAVORITE') return null;
  if (cmd.contact !== null && cmd.action !== 'CANCEL')
    throw new AppError('FORBIDDEN', `a contact may not ${cmd.action} an order`, { reason: 'ORDER_ACTION_NOT_ALLOWED' });
  const to = TRANSITIONS[state.state][cmd.action];
  if (!to)
    throw new AppError('CONFLICT', `an order ${state.state} cannot ${cmd.action}`, { reason: 'ORDER_TRANSITION_NOT_ALLOWED', field: 'action' });
  if (cmd.contact !== null && state.state !== 'NEW')
    throw new AppError('CONFLICT', 'the order is being processed; only a NEW order can be cancelled by its contact', {
      reason: 'ORDER_TRANSITION_NOT_ALLOWED',
      field: 'action',
    });
  return to;
}

/** Acts on an order (pure). A cancel carries the refund of the wallet funds it had captured (the ledger's transaction). */
export function actOnOrder(state: OrderState | null, cmd: ActOnOrder & { refund: { amount: string; transactionId: string } | null }): OrderChange[] {
  const to = checkAction(state, cmd);
  if (to === null) return state!.isFavorite ? [] : [{ type: 'order.marked_favorite', data: {} }];
  if (to === 'CANCELLED')
    return [{ type: 'order.cancelled', data: { cancellationReasonId: cmd.cancellationReasonId, stage: stageFor('CANCELLED'), refund: cmd.refund } }];
  return [{ type: 'order.progressed', data: { action: cmd.action, state: to, stage: stageFor(to) } }];
}
