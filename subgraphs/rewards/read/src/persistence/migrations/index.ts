import { CreateRewardViews1800000000200 } from './1800000000200-create-reward-views';
import { CreateGivingViews1800000000250 } from '../../giving/migration';

export const migrations = [CreateRewardViews1800000000200, CreateGivingViews1800000000250];
