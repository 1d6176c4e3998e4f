import { AddOutboxTraceparent1765100000000, CreateOutbox1733000000000 } from '@crm/event-bus/outbox';
import { CreateIdempotencyKeys1733000000001 } from '@crm/platform/db';
import { CreateRewards1800000000100 } from './1800000000100-create-rewards';
import { CreateReferralCodes1800000000150 } from '../../giving/persistence/migration';

export const migrations = [
  CreateOutbox1733000000000,
  CreateIdempotencyKeys1733000000001,
  AddOutboxTraceparent1765100000000,
  CreateRewards1800000000100,
  CreateReferralCodes1800000000150,
];
