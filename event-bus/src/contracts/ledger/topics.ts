import { topicOf } from '../../envelope';

export const LEDGER_TOPIC = topicOf('ledger');
/** One wallet per contact: its code and the pockets it opened with. */
export const WALLET_AGGREGATE = 'wallet';
/** One ledger account (a wallet pocket, a contact's financial account or a tenant system account): its postings, reservations and balance. */
export const LEDGER_ACCOUNT_AGGREGATE = 'ledger_account';
/** A tenant's commerce pool (restrictions on organisations, product categories, validity). */
export const COMMERCE_POOL_AGGREGATE = 'commerce_pool';
/** The tenant's default wallet limits (one aggregate per tenant, id `default`). */
export const LEDGER_LIMITS_AGGREGATE = 'ledger_limits';
export const LEDGER_LIMITS_ID = 'default';
