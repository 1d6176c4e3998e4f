import { AddOutboxTraceparent1765100000000, CreateOutbox1733000000000 } from '@crm/event-bus/outbox';
import { CreateIdempotencyKeys1733000000001 } from '@crm/platform/db';
import { CreateOrders1800000000100 } from './1800000000100-create-orders';

export const migrations = [
  CreateOutbox1733000000000,
  CreateIdempotencyKeys1733000000001,
  AddOutboxTraceparent1765100000000,
  CreateOrders1800000000100,
];
