import { defineResource, mergeFragments, type RestRoute } from '../../kit/resource';
import { getOrder, listAllOrders, orderAction } from '../../domains/orders/handlers';
import { ORDER_LIST_QUERY, orderComponents } from '../../domains/orders/openapi';
import { GET_ORDER, LIST_ORDERS, ORDER_ACTION } from '../../domains/orders/operations';

const TAG = 'Back-office orders';
const BO = '/backoffice/v2';

const route = (
  method: RestRoute['method'],
  path: string,
  handler: RestRoute['handler'],
  operations: RestRoute['operations'],
  doc: Omit<RestRoute['doc'], 'tag' | 'audience'>,
): RestRoute => ({
  method,
  path: `${BO}${path}`,
  handler,
  operations,
  doc: {
    ...doc,
    description: `${doc.description ?? ''} Needs orders.read (reads) or orders.write (actions).`.trim(),
    tag: TAG,
    audience: 'backoffice',
  },
});

/** The business's view of orders: lists, one order with its queue stage and payments, and the actions that move it along its queue. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'orders',
  pathParameters: { id: 'OrderId' },
  openapi: mergeFragments(orderComponents, {
    tags: [{ name: TAG, description: "Orders of the business's contacts: their queue stage, state and actions (the orders domain)." }],
  }),
  routes: [
    route('GET', '/orders', listAllOrders, [LIST_ORDERS], {
      operationId: 'listOrdersBO',
      summary: 'List orders',
      description: 'Newest first (order=ASC for oldest first); contact_id, state and supply_method filter.',
      query: ['OrderContactIdFilter', ...ORDER_LIST_QUERY],
      reads: true,
      success: { status: 200, description: 'A page of orders.', schema: 'OrderPage' },
    }),
    route('GET', '/orders/:id', getOrder(true), [GET_ORDER], {
      operationId: 'getOrderBO',
      summary: 'Get an order',
      description: 'With its contact, account, estimate, queue and stage, payments and any refunded wallet funds.',
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The order.', schema: 'Order' },
    }),
    route('PUT', '/orders/:id/actions', orderAction(true), [ORDER_ACTION], {
      operationId: 'performOrderActionsBO',
      summary: 'Act on an order',
      description:
        "START_PROGRESS (NEW → IN_PROGRESS), HOLD (→ ON_HOLD), RESUME (ON_HOLD → IN_PROGRESS), COMPLETE (→ COMPLETED), CANCEL (with cancellation_reason_id; refunds the wallet funds the order took) along the default queue's stages, or MARK_FAVORITE. A transition the state does not allow is a 409.",
      body: 'BackOfficeOrderActionRequest',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The order.', schema: 'IdResult' },
    }),
  ],
});
