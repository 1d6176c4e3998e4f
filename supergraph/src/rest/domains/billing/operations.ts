import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';

const METHOD_FIELDS = `id contactId type isPrimary name notes
  card { name first6 last4 brand fundingType expirationMonth expirationYear holderName }
  accountDebit { accountName ibanLast4 bank } wallet { email } gatewayTokens { gateway token }`;

export const LIST_PAYMENT_METHODS = op(
  'query',
  'RestListContactPaymentMethods',
  `query RestListContactPaymentMethods($contactId: ID!, $type: String) { contactPaymentMethods(contactId: $contactId, type: $type) { ${METHOD_FIELDS} } }`,
);

const PAYLOAD = `id consistencyToken ${USER_ERROR_FIELDS}`;

export const ADD_PAYMENT_METHOD = op(
  'mutation',
  'RestAddContactPaymentMethod',
  `mutation RestAddContactPaymentMethod($contactId: ID!, $input: PaymentMethodInput!, $idempotencyKey: String) { addContactPaymentMethod(contactId: $contactId, input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);

export const UPDATE_PAYMENT_METHOD = op(
  'mutation',
  'RestUpdateContactPaymentMethod',
  `mutation RestUpdateContactPaymentMethod($contactId: ID!, $paymentMethodId: ID!, $input: UpdatePaymentMethodInput!) { updateContactPaymentMethod(contactId: $contactId, paymentMethodId: $paymentMethodId, input: $input) { ${PAYLOAD} } }`,
);

export const REMOVE_PAYMENT_METHOD = op(
  'mutation',
  'RestRemoveContactPaymentMethod',
  `mutation RestRemoveContactPaymentMethod($contactId: ID!, $paymentMethodId: ID!) { removeContactPaymentMethod(contactId: $contactId, paymentMethodId: $paymentMethodId) { ${PAYLOAD} } }`,
);

export const CREATE_TOPUP = op(
  'mutation',
  'RestCreateTopup',
  `mutation RestCreateTopup($input: TopupInput!, $idempotencyKey: String) { createTopup(input: $input, idempotencyKey: $idempotencyKey) { topup { id status amount currency walletId ledgerTransactionId } consistencyToken consistencyTokens ${USER_ERROR_FIELDS} } }`,
);

export interface GqlPaymentMethodPayload {
  id: string | null;
  consistencyToken: string | null;
  errors: GqlUserError[];
}

export interface GqlPaymentMethod {
  id: string;
  contactId: string;
  type: string;
  isPrimary: boolean;
  name: string | null;
  notes: string | null;
  card: {
    name: string | null;
    first6: string;
    last4: string;
    brand: string;
    fundingType: string | null;
    expirationMonth: number;
    expirationYear: number;
    holderName: string | null;
  } | null;
  accountDebit: { accountName: string | null; ibanLast4: string | null; bank: string | null } | null;
  wallet: { email: string | null } | null;
  gatewayTokens: { gateway: string; token: string }[];
}

export interface GqlTopupPayload {
  topup: { id: string; status: string; amount: string; currency: string; walletId: string; ledgerTransactionId: string | null } | null;
  consistencyToken: string | null;
  consistencyTokens: string[];
  errors: GqlUserError[];
}
