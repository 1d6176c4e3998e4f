import { AddOutboxTraceparent1765100000000, CreateOutbox1733000000000 } from '@crm/event-bus/outbox';
import { CreateIdempotencyKeys1733000000001 } from '@crm/platform/db';
import { CreateBilling1800000000100 } from './1800000000100-create-billing';
import { CreateBillingContacts1800000000101 } from './1800000000101-create-billing-contacts';
import { CreateInvoicing1800000000300 } from '../../invoicing/persistence/1800000000300-create-invoicing';

export const migrations = [
  CreateOutbox1733000000000,
  CreateIdempotencyKeys1733000000001,
  AddOutboxTraceparent1765100000000,
  CreateBilling1800000000100,
  CreateBillingContacts1800000000101,
  CreateInvoicing1800000000300,
];
