import { CreateOrderViews1800000000200 } from './1800000000200-create-order-views';

export const migrations = [CreateOrderViews1800000000200];
