import { AddOutboxTraceparent1765100000000, CreateOutbox1733000000000 } from '@crm/event-bus/outbox';
import { CreateIdempotencyKeys1733000000001 } from '@crm/platform/db';
import { CreateIdentity1733000000300 } from './1733000000300-create-identity';
import { CreateKnownContacts1733000000301 } from './1733000000301-create-known-contacts';
import { CreateExternalLogins1733000000302 } from './1733000000302-create-external-logins';
import { CreateIdentityProviders1733000000303 } from './1733000000303-create-identity-providers';
import { TeamVersions1733000000304 } from './1733000000304-team-versions';
import { SessionAuthenticatedAt1733000000305 } from './1733000000305-session-authenticated-at';
import { CreateOrganisationProfiles1733000000306 } from './1733000000306-create-organisation-profiles';
import { CreateContactOrganisations1733000000320 } from './1733000000320-create-contact-organisations';

export const migrations = [
  CreateOutbox1733000000000,
  CreateIdempotencyKeys1733000000001,
  CreateIdentity1733000000300,
  CreateKnownContacts1733000000301,
  CreateExternalLogins1733000000302,
  CreateIdentityProviders1733000000303,
  TeamVersions1733000000304,
  SessionAuthenticatedAt1733000000305,
  AddOutboxTraceparent1765100000000,
  CreateOrganisationProfiles1733000000306,
  CreateContactOrganisations1733000000320,
];
