import { AddOutboxTraceparent1765100000000, CreateOutbox1733000000000 } from '@crm/event-bus/outbox';
import { CreateIdempotencyKeys1733000000001 } from '@crm/platform/db';
import { CreateSubscriptions1800000000100 } from './1800000000100-create-subscriptions';
import { CreateDevices1800000000110 } from './1800000000110-create-devices';
import { CreateUsage1800000000120 } from './1800000000120-create-usage';
import { CreateSubscriptionContacts1800000000130 } from './1800000000130-create-subscription-contacts';

export const migrations = [
  CreateOutbox1733000000000,
  CreateIdempotencyKeys1733000000001,
  AddOutboxTraceparent1765100000000,
  CreateSubscriptions1800000000100,
  CreateDevices1800000000110,
  CreateUsage1800000000120,
  CreateSubscriptionContacts1800000000130,
];
