import { CreateIdentityViews1733000000300 } from './1733000000300-create-identity-views';
import { CreateTeamViews1733000000301 } from './1733000000301-create-team-views';

export const migrations = [CreateIdentityViews1733000000300, CreateTeamViews1733000000301];
