import { op, USER_ERROR_FIELDS } from '../../kit/operation';

export const GET_ORDER = op('query', 'RestGetOrder', `query RestGetOrder($id: ID!) { order(id: $id) { id name createdAt updatedAt } }`);

export const CREATE_ORDER = op(
  'mutation',
  'RestCreateOrder',
  `mutation RestCreateOrder($input: CreateOrderInput!, $idempotencyKey: String) { createOrder(input: $input, idempotencyKey: $idempotencyKey) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export interface GqlOrder {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}
