import { topicOf } from '../../envelope';

export const BILLING_TOPIC = topicOf('billing');
/** A contact's payment methods (one aggregate per contact: its id is the contact's id). */
export const PAYMENT_METHODS_AGGREGATE = 'payment_methods';
/** One top-up of a wallet (charge by the gateway, then credit through the ledger). */
export const TOPUP_AGGREGATE = 'topup';
