import { topicOf } from '../../envelope';

export const BILLING_TOPIC = topicOf('billing');
/** A contact's payment methods (one aggregate per contact: its id is the contact's id). */
export const PAYMENT_METHODS_AGGREGATE = 'payment_methods';
/** One top-up of a wallet (charge by the gateway, then credit through the ledger). */
export const TOPUP_AGGREGATE = 'topup';
/** One payment of a contact's account (charged by the gateway, then credited to the account through the ledger). */
export const PAYMENT_AGGREGATE = 'payment';
/** One payout from a contact's wallet (debited through the ledger, then paid out by the gateway). */
export const PAYOUT_AGGREGATE = 'payout';
