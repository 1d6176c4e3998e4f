import { CreateIdentityViews1733000000300 } from './1733000000300-create-identity-views';
import { CreateIdentityProviderViews1733000000301 } from './1733000000301-create-identity-provider-views';
import { CreateTeamViews1733000000302 } from './1733000000302-create-team-views';
import { CreateOrganisationProfileViews1733000000303 } from './1733000000303-create-organisation-profile-views';

export const migrations = [
  CreateIdentityViews1733000000300,
  CreateIdentityProviderViews1733000000301,
  CreateTeamViews1733000000302,
  CreateOrganisationProfileViews1733000000303,
];
