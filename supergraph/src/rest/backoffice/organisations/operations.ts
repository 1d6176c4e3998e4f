import { op } from '../../kit/operation';

export const LIST_ORGANISATIONS = op(
  'query',
  'RestListOrganisations',
  `query RestListOrganisations { organisations { id parentId type name createdAt } }`,
);

export interface GqlOrganisation {
  id: string;
  parentId: string | null;
  type: string;
  name: string;
  createdAt: string;
}
