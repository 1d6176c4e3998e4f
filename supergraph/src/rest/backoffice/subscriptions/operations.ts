import { op, USER_ERROR_FIELDS } from '../../kit/operation';

export const GET_SUBSCRIPTION = op(
  'query',
  'RestGetSubscription',
  `query RestGetSubscription($id: ID!) { subscription(id: $id) { id name createdAt updatedAt } }`,
);

export const CREATE_SUBSCRIPTION = op(
  'mutation',
  'RestCreateSubscription',
  `mutation RestCreateSubscription($input: CreateSubscriptionInput!, $idempotencyKey: String) { createSubscription(input: $input, idempotencyKey: $idempotencyKey) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export interface GqlSubscription {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}
