import { CreateRewardViews1800000000200 } from './1800000000200-create-reward-views';

export const migrations = [CreateRewardViews1800000000200];
