import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';

const OUTCOME = `payment { id status amount currency ledgerTransactionId } consistencyToken consistencyTokens ${USER_ERROR_FIELDS}`;

export const CREATE_PAYMENT = op(
  'mutation',
  'RestCreatePayment',
  `mutation RestCreatePayment($input: PaymentInput!, $idempotencyKey: String) { createPayment(input: $input, idempotencyKey: $idempotencyKey) { ${OUTCOME} } }`,
);

export const CREATE_PAYOUT = op(
  'mutation',
  'RestCreatePayout',
  `mutation RestCreatePayout($input: PayoutInput!, $idempotencyKey: String) { createPayout(input: $input, idempotencyKey: $idempotencyKey) { ${OUTCOME} } }`,
);

export const REFUND_PAYMENT = op(
  'mutation',
  'RestRefundPayment',
  `mutation RestRefundPayment($paymentId: ID!, $amount: String, $void: Boolean, $notes: String, $idempotencyKey: String) { refundPayment(paymentId: $paymentId, amount: $amount, void: $void, notes: $notes, idempotencyKey: $idempotencyKey) { ${OUTCOME} } }`,
);

export const CLIENT_TOKEN = op(
  'mutation',
  'RestContactClientToken',
  `mutation RestContactClientToken($contactId: ID!) { contactClientToken(contactId: $contactId) { token gateway consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const CREATE_INTENT = op(
  'mutation',
  'RestCreatePaymentIntent',
  `mutation RestCreatePaymentIntent($contactId: ID!, $input: PaymentIntentInput!, $idempotencyKey: String) { createPaymentIntent(contactId: $contactId, input: $input, idempotencyKey: $idempotencyKey) { intent { id clientSecret state } consistencyToken ${USER_ERROR_FIELDS} } }`,
);

const VIEW = `id kind contactId status accountId walletId paymentMethodId gateway amount currency code notes intentId gatewayReference failureCode failureReason
  ledgerTransactionId refunded refunds { id amount void gatewayRefundId ledgerTransactionId notes at } createdAt updatedAt`;

export const LIST_PAYMENTS = op(
  'query',
  'RestListPayments',
  `query RestListPayments($contactId: ID, $status: String, $page: Int, $size: Int) { billingPayments(contactId: $contactId, status: $status, page: $page, size: $size) { items { ${VIEW} } hasMore } }`,
);
export const GET_PAYMENT = op('query', 'RestGetPayment', `query RestGetPayment($id: ID!) { billingPayment(id: $id) { ${VIEW} } }`);
export const LIST_PAYOUTS = op(
  'query',
  'RestListPayouts',
  `query RestListPayouts($contactId: ID, $status: String, $page: Int, $size: Int) { billingPayouts(contactId: $contactId, status: $status, page: $page, size: $size) { items { ${VIEW} } hasMore } }`,
);
export const GET_PAYOUT = op('query', 'RestGetPayout', `query RestGetPayout($id: ID!) { billingPayout(id: $id) { ${VIEW} } }`);

export interface GqlOutcomePayload {
  payment: { id: string; status: string; amount: string; currency: string; ledgerTransactionId: string | null } | null;
  consistencyToken: string | null;
  consistencyTokens: string[];
  errors: GqlUserError[];
}

export interface GqlPaymentView {
  id: string;
  kind: 'PAYMENT' | 'PAYOUT';
  contactId: string;
  status: string;
  accountId: string | null;
  walletId: string | null;
  paymentMethodId: string | null;
  gateway: string;
  amount: string;
  currency: string;
  code: string | null;
  notes: string | null;
  intentId: string | null;
  gatewayReference: string | null;
  failureCode: string | null;
  failureReason: string | null;
  ledgerTransactionId: string | null;
  refunded: string;
  refunds: { id: string; amount: string; void: boolean; gatewayRefundId: string; ledgerTransactionId: string; notes: string | null; at: string }[];
  createdAt: string;
  updatedAt: string;
}

export const PAYMENT_PAGE = op(
  'mutation',
  'RestPaymentPage',
  `mutation RestPaymentPage($input: PaymentPageInput!) { paymentPage(input: $input) { url gateway consistencyToken ${USER_ERROR_FIELDS} } }`,
);
