import { topicOf } from '../../envelope';

export const ORDERS_TOPIC = topicOf('orders');
export const ORDER_AGGREGATE = 'order';
export const ORDER_ESTIMATE_AGGREGATE = 'order_estimate';
