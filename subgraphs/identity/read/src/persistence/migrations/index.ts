import { CreateIdentityViews1733000000300 } from './1733000000300-create-identity-views';

export const migrations = [CreateIdentityViews1733000000300];
