import { AddOutboxTraceparent1765100000000, CreateOutbox1733000000000 } from '@crm/event-bus/outbox';
import { CreateIdempotencyKeys1733000000001 } from '@crm/platform/db';
import { CreateContacts1733000000100 } from './1733000000100-create-contacts';
import { CreateCustomFieldRules1800000000300 } from './1800000000300-create-custom-field-rules';
import { CreateCommunityRelationships1810000000500 } from './1810000000500-create-community-relationships';

export const migrations = [
  CreateOutbox1733000000000,
  CreateIdempotencyKeys1733000000001,
  CreateContacts1733000000100,
  AddOutboxTraceparent1765100000000,
  CreateCustomFieldRules1800000000300,
  CreateCommunityRelationships1810000000500,
];
