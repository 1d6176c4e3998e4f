import { topicOf } from '../../envelope';

export const IDENTITY_TOPIC = topicOf('identity');
export const AGGREGATES = {
  tenant: 'tenant',
  apiKey: 'api_key',
  user: 'user',
  role: 'role',
  team: 'team',
  session: 'session',
  contactIdentity: 'contact_identity',
  identityProvider: 'identity_provider',
  organisationProfile: 'organisation_profile',
} as const;
