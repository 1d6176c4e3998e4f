import { op, USER_ERROR_FIELDS } from '../../kit/operation';

const ESTIMATE_FIELDS = `id contactId accountId supplyMethod currency net tax discount total walletFunds amountToCollect orderingAllowed expiresAt
  lines { id productId sku name classification priceTermsId quantity unitPrice taxModel net tax discount total }
  invalidProducts { productId sku name reason }`;

export const ESTIMATE_ORDER = op(
  'mutation',
  'RestEstimateOrder',
  `mutation RestEstimateOrder($input: EstimateOrderInput!) { estimateOrder(input: $input) { estimate { ${ESTIMATE_FIELDS} } ${USER_ERROR_FIELDS} } }`,
);

export const PLACE_ORDER = op(
  'mutation',
  'RestPlaceOrder',
  `mutation RestPlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { id number consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const ORDER_ACTION = op(
  'mutation',
  'RestOrderAction',
  `mutation RestOrderAction($id: ID!, $action: String!, $cancellationReasonId: ID) {
    orderAction(id: $id, action: $action, cancellationReasonId: $cancellationReasonId) { id state consistencyToken ${USER_ERROR_FIELDS} } }`,
);

const ORDER_FIELDS = `id number contactId accountId estimateId supplyMethod deliveryMethod fulfilledBy addressId notes currency state isFavorite queueId
  stage { id name } net tax discount total walletFunds walletTransactionId amountToCollect cancellationReasonId refundAmount
  submittedAt startedAt completedAt cancelledAt updatedAt
  payments { paymentMethodType amount paymentMethodId }
  items { id productId sku name classification priceTermsId quantity unitPrice taxModel net tax discount total notes
    priceTerms { billingPeriod { duration uot } trialPeriod { duration uot } contractPeriod { duration uot } autoRenewed billingModel } }`;

export const GET_ORDER = op('query', 'RestGetOrder', `query RestGetOrder($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`);

export const LIST_ORDERS = op(
  'query',
  'RestListOrders',
  `query RestListOrders($contactId: ID, $state: String, $supplyMethod: String, $ascending: Boolean, $first: Int, $offset: Int) {
    orders(contactId: $contactId, state: $state, supplyMethod: $supplyMethod, ascending: $ascending, first: $first, offset: $offset) { total items { ${ORDER_FIELDS} } } }`,
);

/** The contact of a path (`GET …/contacts/{id}/orders`): must exist and be visible to the caller. */
export const ORDERING_CONTACT = op('query', 'RestOrderingContact', `query RestOrderingContact($id: ID!) { contact(id: $id) { id } }`);

export interface GqlEstimateLine {
  id: string;
  productId: string;
  sku: string;
  name: string;
  classification: string;
  priceTermsId: string;
  quantity: number;
  unitPrice: string;
  taxModel: string;
  net: string;
  tax: string;
  discount: string;
  total: string;
}

export interface GqlEstimate {
  id: string;
  contactId: string;
  accountId: string;
  supplyMethod: string;
  currency: string;
  net: string;
  tax: string;
  discount: string;
  total: string;
  walletFunds: string;
  amountToCollect: string;
  orderingAllowed: boolean;
  expiresAt: string;
  lines: GqlEstimateLine[];
  invalidProducts: { productId: string; sku: string | null; name: string | null; reason: string }[];
}

interface GqlPeriod {
  duration: number;
  uot: string;
}

export interface GqlOrder {
  id: string;
  number: string;
  contactId: string;
  accountId: string;
  estimateId: string;
  supplyMethod: string;
  deliveryMethod: string | null;
  fulfilledBy: string | null;
  addressId: string | null;
  notes: string | null;
  currency: string;
  state: string;
  isFavorite: boolean;
  queueId: string;
  stage: { id: string; name: string };
  net: string;
  tax: string;
  discount: string;
  total: string;
  walletFunds: string;
  walletTransactionId: string | null;
  amountToCollect: string;
  cancellationReasonId: string | null;
  refundAmount: string | null;
  submittedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  updatedAt: string;
  payments: { paymentMethodType: string; amount: string | null; paymentMethodId: string | null }[];
  items: (GqlEstimateLine & {
    notes: string | null;
    priceTerms: {
      billingPeriod: GqlPeriod;
      trialPeriod: GqlPeriod | null;
      contractPeriod: GqlPeriod | null;
      autoRenewed: boolean;
      billingModel: string;
    } | null;
  })[];
}
