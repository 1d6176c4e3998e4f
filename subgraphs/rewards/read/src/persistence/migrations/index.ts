import { CreateRewardSchemeViews1800000000200 } from './1800000000200-create-reward-scheme-views';

export const migrations = [CreateRewardSchemeViews1800000000200];
