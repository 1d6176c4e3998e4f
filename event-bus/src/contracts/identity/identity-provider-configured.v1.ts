import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

/** Never carries the client or app secret: only whether one is stored. */
export const IdentityProviderConfiguredV1 = defineEvent({
  type: 'identity_provider.configured',
  schemaVersion: 1,
  aggregateType: AGGREGATES.identityProvider,
  topic: IDENTITY_TOPIC,
  description:
    "A tenant's external sign-in provider (OIDC or Facebook) was configured or reconfigured through the back-office API. The secret is stored sealed on the write side and is not part of the event.",
  data: z.object({
    kind: z.enum(s.PROVIDER_KINDS),
    type: s.providerType,
    /** OIDC: the issuer; Facebook: the Graph API base URL. */
    issuer: z.string().max(500).nullable(),
    graphBaseUrl: z.string().max(500).nullable(),
    /** OIDC client id or Facebook app id (public identifiers). */
    clientId: z.string().max(500),
    redirectUris: z.array(z.string().max(500)).max(20),
    scopes: z.array(z.string().max(200)).max(20).nullable(),
    hasSecret: z.boolean(),
  }),
});
export type IdentityProviderConfiguredV1 = EventOf<typeof IdentityProviderConfiguredV1>;
