import { AddOutboxTraceparent1765100000000, CreateOutbox1733000000000 } from '@crm/event-bus/outbox';
import { CreateIdempotencyKeys1733000000001 } from '@crm/platform/db';
import { CreateEngagement1800000000100 } from './1800000000100-create-engagement';
import { CreateActivities1800000000101 } from './1800000000101-create-activities';
import { CreateEngagementContacts1800000000102 } from './1800000000102-create-engagement-contacts';
import { CreateCommunications1800000000103 } from './1800000000103-create-communications';
import { CreateApprovalRequests1800000000104 } from './1800000000104-create-approval-requests';

export const migrations = [
  CreateOutbox1733000000000,
  CreateIdempotencyKeys1733000000001,
  AddOutboxTraceparent1765100000000,
  CreateEngagement1800000000100,
  CreateActivities1800000000101,
  CreateEngagementContacts1800000000102,
  CreateCommunications1800000000103,
  CreateApprovalRequests1800000000104,
];
