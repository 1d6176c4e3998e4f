import type { DomainPolicy } from '../policy-table';

/** Who may get past authorization on the rewards root fields: holders of rewards.read / rewards.write (owner, admin, the admin secret key). */
export const policy: DomainPolicy = {
  'Query.rewardScheme': ['owner', 'admin', 'secret_key'],
  'Mutation.createRewardScheme': ['owner', 'admin', 'secret_key'],
};
