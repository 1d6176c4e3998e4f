import { registerEnumType } from 'type-graphql';
import { POCKETS, SYSTEM_ACCOUNTS, TRANSACTION_TYPES } from '@crm/event-bus/contracts/ledger';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const LedgerPocket = asEnum(POCKETS);
export const LedgerSystemAccount = asEnum(SYSTEM_ACCOUNTS);
export const LedgerTransactionType = asEnum(TRANSACTION_TYPES);
registerEnumType(LedgerPocket, {
  name: 'LedgerPocket',
  description: 'OPEN: the contact’s own money; BUSINESS: store credit; COMMERCE: per commerce pool.',
});
registerEnumType(LedgerSystemAccount, {
  name: 'LedgerSystemAccount',
  description: "The tenant's own accounts, the other side of credits and debits.",
});
registerEnumType(LedgerTransactionType, { name: 'LedgerTransactionType' });
