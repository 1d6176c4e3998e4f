import { AddOutboxTraceparent1765100000000, CreateOutbox1733000000000 } from '@crm/event-bus/outbox';
import { CreateIdempotencyKeys1733000000001 } from '@crm/platform/db';
import { CreateLedger1800000000100 } from './1800000000100-create-ledger';
import { LedgerSettings1800000000101 } from './1800000000101-ledger-settings';
import { ContactAccountsOweInvoices1800000000102 } from './1800000000102-contact-accounts-owe-invoices';
import { WalletLinks1800000000103 } from './1800000000103-wallet-links';

export const migrations = [
  CreateOutbox1733000000000,
  CreateIdempotencyKeys1733000000001,
  AddOutboxTraceparent1765100000000,
  CreateLedger1800000000100,
  LedgerSettings1800000000101,
  ContactAccountsOweInvoices1800000000102,
  WalletLinks1800000000103,
];
