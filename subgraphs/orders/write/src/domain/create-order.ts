import { AppError } from '@crm/platform/errors';
import type { OrderChange, OrderState } from './order';

export interface CreateOrder {
  name: string;
}

export const MAX_NAME_LENGTH = 100;

/** Creates a order: a name of 1 to ${MAX_NAME_LENGTH} characters once trimmed (pure). */
export function createOrder(state: OrderState | null, cmd: CreateOrder): OrderChange[] {
  if (state) throw new AppError('CONFLICT', 'the order exists already', { reason: 'ORDER_EXISTS' });
  const name = cmd.name.trim();
  if (name.length === 0) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (name.length > MAX_NAME_LENGTH) throw AppError.validation('name', `must be at most ${MAX_NAME_LENGTH} characters`, 'TOO_LONG');
  return [{ type: 'order.created', data: { name } }];
}
