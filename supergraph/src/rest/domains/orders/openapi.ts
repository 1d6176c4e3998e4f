import { query } from '../../kit/openapi';
import type { OpenApiFragment } from '../../kit/resource';
import { backOfficeOrderActionBody, estimateOrderBody, fulfillmentBody, orderActionBody, placeOrderBody } from './bodies';
import { fulfillmentResponse, orderEstimateResponse, orderPageResponse, orderResponse, placedOrderResponse } from './schemas';

const pathId = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', minLength: 1, maxLength: 64 },
});

/** The components every orders resource names (identical in each family that registers them). */
export const orderComponents: OpenApiFragment = {
  parameters: {
    OrderId: pathId('The order (a UUID).'),
    OrdersContactId: pathId('The contact (a UUID).'),
    OrderState: query('state', { type: 'string', enum: ['NEW', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'ON_HOLD'] }, 'Only orders in this state.'),
    OrderSupplyMethod: query('supply_method', { type: 'string', enum: ['DELIVERY', 'PICK_UP', 'DIRECT_SALE'] }, 'Only orders of this supply method.'),
    OrderSortOrder: query('order', { type: 'string', enum: ['ASC', 'DESC'], default: 'DESC' }, 'By submission date.'),
    OrderSort: query('sort', { type: 'string', enum: ['CREATED_DATE'], default: 'CREATED_DATE' }, 'The only sort served.'),
    OrderContactIdFilter: query('contact_id', { type: 'string', minLength: 1, maxLength: 64 }, "Only this contact's orders (a UUID)."),
    OrderIgnoredCompletedOn: query('completed_on', { type: 'string' }, 'Accepted, not applied yet.'),
    OrderIgnoredCreatedOn: query('created_on', { type: 'string' }, 'Accepted, not applied yet.'),
    OrderIgnoredScheduledOn: query('scheduled_on', { type: 'string' }, 'Accepted, not applied yet.'),
    OrderIgnoredCustomFields: query('custom_fields', { type: 'string' }, 'Accepted, not applied yet.'),
    OrderIgnoredIncludeCustomFields: query('include_custom_fields', { type: 'boolean' }, 'Accepted, not applied yet.'),
    OrderIgnoredDeliveryMethods: query('delivery_methods', { type: 'string' }, 'Accepted, not applied yet.'),
  },
  requestSchemas: [
    { name: 'OrderEstimateRequest', schema: estimateOrderBody },
    { name: 'PlaceOrderRequest', schema: placeOrderBody },
    { name: 'OrderActionRequest', schema: orderActionBody },
    { name: 'BackOfficeOrderActionRequest', schema: backOfficeOrderActionBody },
    { name: 'OrderFulfillmentEstimateRequest', schema: fulfillmentBody },
  ],
  responseSchemas: [
    { name: 'OrderEstimate', schema: orderEstimateResponse },
    { name: 'PlacedOrder', schema: placedOrderResponse },
    { name: 'Order', schema: orderResponse },
    { name: 'OrderPage', schema: orderPageResponse },
    { name: 'OrderFulfillmentEstimate', schema: fulfillmentResponse },
  ],
};

export const ORDER_LIST_QUERY = ['OrderState', 'OrderSupplyMethod', 'OrderSortOrder', 'OrderSort', 'Page', 'Size', 'IncludeTotal'];
export const CONTACT_ORDER_LIST_QUERY = [
  ...ORDER_LIST_QUERY,
  'OrderIgnoredCompletedOn',
  'OrderIgnoredCreatedOn',
  'OrderIgnoredScheduledOn',
  'OrderIgnoredCustomFields',
  'OrderIgnoredIncludeCustomFields',
  'OrderIgnoredDeliveryMethods',
];
