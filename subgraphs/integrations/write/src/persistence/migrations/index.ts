import { AddOutboxTraceparent1765100000000, CreateOutbox1733000000000 } from '@crm/event-bus/outbox';
import { CreateIdempotencyKeys1733000000001 } from '@crm/platform/db';
import { CreateWebhooks1800000000100 } from './1800000000100-create-webhooks';
import { CreateAutomations1800000000300 } from './1800000000300-create-automations';

export const migrations = [
  CreateOutbox1733000000000,
  CreateIdempotencyKeys1733000000001,
  AddOutboxTraceparent1765100000000,
  CreateWebhooks1800000000100,
  CreateAutomations1800000000300,
];
