import type { DomainPolicy } from '../policy-table';

/** Who may get past authorization on the widgets root fields: holders of widgets.read / widgets.write (owner, admin, the admin secret key). */
export const policy: DomainPolicy = {
  'Query.widget': ['owner', 'admin', 'secret_key'],
  'Mutation.createWidget': ['owner', 'admin', 'secret_key'],
};
