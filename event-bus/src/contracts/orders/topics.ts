import { topicOf } from '../../envelope';

export const ORDERS_TOPIC = topicOf('orders');
export const ORDER_AGGREGATE = 'order';
