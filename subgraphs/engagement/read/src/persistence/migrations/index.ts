import { CreateEngagementViews1800000000200 } from './1800000000200-create-engagement-views';

export const migrations = [CreateEngagementViews1800000000200];
