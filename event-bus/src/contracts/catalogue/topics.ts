import { topicOf } from '../../envelope';

export const CATALOGUE_TOPIC = topicOf('catalogue');
export const PRODUCT_AGGREGATE = 'product';
/** Product types, brands, families and categories (one aggregate type, told apart by `kind`). */
export const PRODUCT_GROUP_AGGREGATE = 'product_group';
export const ORDER_CATALOGUE_AGGREGATE = 'order_catalogue';
/** Recommendation rules (products, up-sells, cross-sells, services). */
export const RECOMMENDATION_RULE_AGGREGATE = 'recommendation_rule';
