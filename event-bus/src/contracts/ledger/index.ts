import { WalletOpenedV1 } from './wallet-opened.v1';
import { LedgerAccountOpenedV1 } from './ledger-account-opened.v1';
import { LedgerAccountPostedV1 } from './ledger-account-posted.v1';
import { LedgerAccountFundsReservedV1 } from './ledger-account-funds-reserved.v1';
import { LedgerAccountReservationReleasedV1 } from './ledger-account-reservation-released.v1';
import { LedgerAccountUpdatedV1 } from './ledger-account-updated.v1';
import { WalletUpdatedV1 } from './wallet-updated.v1';
import { CommercePoolDefinedV1 } from './commerce-pool-defined.v1';
import { LedgerLimitsSetV1 } from './ledger-limits-set.v1';
import { WalletIdentitySetV1 } from './wallet-identity-set.v1';
import { WalletLinkedV1 } from './wallet-linked.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './ledger-shapes';
export * from './money';
export * from './wallet-opened.v1';
export * from './ledger-account-opened.v1';
export * from './ledger-account-posted.v1';
export * from './ledger-account-funds-reserved.v1';
export * from './ledger-account-reservation-released.v1';
export * from './ledger-account-updated.v1';
export * from './wallet-updated.v1';
export * from './commerce-pool-defined.v1';
export * from './ledger-limits-set.v1';
export * from './wallet-identity-set.v1';
export * from './wallet-linked.v1';

/** Every ledger event contract (the platform's event registry collects each registered domain's `domainEvents`). */
export const domainEvents = [
  WalletOpenedV1,
  LedgerAccountOpenedV1,
  LedgerAccountPostedV1,
  LedgerAccountFundsReservedV1,
  LedgerAccountReservationReleasedV1,
  LedgerAccountUpdatedV1,
  WalletUpdatedV1,
  CommercePoolDefinedV1,
  LedgerLimitsSetV1,
  WalletIdentitySetV1,
  WalletLinkedV1,
] as const;

/** Every ledger event, as the union of its contracts' envelopes. */
export type LedgerEvent = EventOf<(typeof domainEvents)[number]>;
