import { op, USER_ERROR_FIELDS } from '../../kit/operation';

export const GET_WIDGET = op('query', 'RestGetWidget', `query RestGetWidget($id: ID!) { widget(id: $id) { id name createdAt updatedAt } }`);

export const CREATE_WIDGET = op(
  'mutation',
  'RestCreateWidget',
  `mutation RestCreateWidget($input: CreateWidgetInput!, $idempotencyKey: String) { createWidget(input: $input, idempotencyKey: $idempotencyKey) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export interface GqlWidget {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}
