import { CreateSubscriptionViews1800000000200 } from './1800000000200-create-subscription-views';

export const migrations = [CreateSubscriptionViews1800000000200];
