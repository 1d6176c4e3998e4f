import { op, USER_ERROR_FIELDS } from '../../kit/operation';

export const GET_REWARD_SCHEME = op(
  'query',
  'RestGetRewardScheme',
  `query RestGetRewardScheme($id: ID!) { rewardScheme(id: $id) { id name createdAt updatedAt } }`,
);

export const CREATE_REWARD_SCHEME = op(
  'mutation',
  'RestCreateRewardScheme',
  `mutation RestCreateRewardScheme($input: CreateRewardSchemeInput!, $idempotencyKey: String) { createRewardScheme(input: $input, idempotencyKey: $idempotencyKey) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export interface GqlRewardScheme {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}
