import { defineResource, mergeFragments, type RestRoute } from '../../kit/resource';
import { estimateFulfillment, estimateOrder, getOrder, listContactOrders, orderAction, placeOrder } from '../../domains/orders/handlers';
import { CONTACT_ORDER_LIST_QUERY, orderComponents } from '../../domains/orders/openapi';
import { ESTIMATE_ORDER, GET_ORDER, LIST_ORDERS, ORDER_ACTION, ORDERING_CONTACT, PLACE_ORDER } from '../../domains/orders/operations';

const TAG = 'Orders';
const SS = '/self-service/v2';
const AS_CONTACT = 'As the signed-in contact (api_key + bearer), for its own orders: another contact’s is a 404.';

const route = (
  method: RestRoute['method'],
  path: string,
  handler: RestRoute['handler'],
  operations: RestRoute['operations'],
  doc: Omit<RestRoute['doc'], 'tag' | 'audience'> & { audience?: RestRoute['doc']['audience']; tag?: string },
): RestRoute => ({
  method,
  path: `${SS}${path}`,
  handler,
  operations,
  doc: { tag: TAG, audience: 'contact', ...doc },
});

/** The Orders tag of the Self-Service contract, and POST /estimates/orders (its Estimates tag). */
export const resource = defineResource({
  family: 'self-service',
  name: 'orders',
  pathParameters: { id: 'OrderId' },
  openapi: mergeFragments(orderComponents, {
    tags: [
      { name: TAG, description: "A contact's orders: fulfilment and order estimates, placing an order, its state and actions (the orders domain)." },
      { name: 'Estimates', description: 'Estimates before a purchase.' },
    ],
  }),
  routes: [
    route('POST', '/estimates/orders', estimateOrder, [ESTIMATE_ORDER], {
      operationId: 'estimateOrderSS',
      tag: 'Estimates',
      audience: 'contactOrSecret',
      summary: 'Estimate an order',
      description:
        'Prices each item from the catalogue (price_terms_id, or the default price), lists the products that cannot be ordered with their reason (AVAILABILITY: disabled; ORDER_CATALOGUE: no order catalogue offers it for the supply method), and with use_wallet_funds reserves what the wallet can give towards the total (at most wallet_funds_amount) until expiration_date, when the estimate and its reservation end. No tax rates are known yet (tax 0). With the secret api_key, or as the signed-in contact for its own account (another account is a 404).',
      body: 'OrderEstimateRequest',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The estimate.', schema: 'OrderEstimate' },
    }),
    route('POST', '/estimates/order_fulfillment', estimateFulfillment, [ORDERING_CONTACT], {
      operationId: 'estimateOrderFulfillmentSS',
      summary: 'Estimate who fulfils an order',
      description:
        'No fulfilment network (venues, delivery areas, opening hours) is modelled yet: the business fulfils its orders itself and the list is empty. contact_id, when given, must be a contact the caller sees (a contact: itself; 404 otherwise).',
      body: 'OrderFulfillmentEstimateRequest',
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The candidate organisations.', schema: 'OrderFulfillmentEstimate' },
    }),
    route('POST', '/orders', placeOrder, [PLACE_ORDER], {
      operationId: 'createOrderSS',
      summary: 'Place an order from an estimate',
      description: `Once per estimate and before it expires (409 otherwise): the wallet funds the estimate holds are captured through the ledger (all of them, wallet_funds_amount of them, or none with use_wallet_funds false); number O000001, per tenant; state NEW. ${AS_CONTACT}`,
      body: 'PlaceOrderRequest',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 201, description: 'The order.', schema: 'PlacedOrder' },
    }),
    route('GET', '/orders/:id', getOrder(false), [GET_ORDER], {
      operationId: 'getOrderSS',
      summary: 'Get an order',
      description: AS_CONTACT,
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The order.', schema: 'Order' },
    }),
    route('PUT', '/orders/:id/actions', orderAction(false), [ORDER_ACTION], {
      operationId: 'performOrderActionsSS',
      summary: 'Act on an order',
      description: `CANCEL (with cancellation_reason_id) while the order is NEW: the wallet funds it took are refunded; MARK_FAVORITE. START_PROGRESS and COMPLETE are the business's (403 for a contact; served to the Back-Office); PRINT_ORDER and ORDER_PROVISION are not served (400). ${AS_CONTACT}`,
      body: 'OrderActionRequest',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The order.', schema: 'IdResult' },
    }),
    {
      ...route('GET', '/contacts/:id/orders', listContactOrders, [ORDERING_CONTACT, LIST_ORDERS], {
        operationId: 'listContactOrdersSS',
        summary: "List a contact's orders",
        description: `Newest first (order=ASC for oldest first). completed_on, created_on, scheduled_on, custom_fields and delivery_methods are accepted and not applied yet. ${AS_CONTACT}`,
        query: CONTACT_ORDER_LIST_QUERY,
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of orders.', schema: 'OrderPage' },
      }),
      pathParameters: { id: 'OrdersContactId' },
    },
  ],
});
