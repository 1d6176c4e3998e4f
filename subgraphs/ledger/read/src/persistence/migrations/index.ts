import { CreateLedgerViews1800000000200 } from './1800000000200-create-ledger-views';

export const migrations = [CreateLedgerViews1800000000200];
