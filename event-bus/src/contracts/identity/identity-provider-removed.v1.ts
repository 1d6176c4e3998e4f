import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const IdentityProviderRemovedV1 = defineEvent({
  type: 'identity_provider.removed',
  schemaVersion: 1,
  aggregateType: AGGREGATES.identityProvider,
  topic: IDENTITY_TOPIC,
  description: "A tenant's external sign-in provider was removed; sign-ins with it fail from now on. Its sealed secret was erased.",
  data: z.object({ kind: z.enum(s.PROVIDER_KINDS), type: s.providerType }),
});
export type IdentityProviderRemovedV1 = EventOf<typeof IdentityProviderRemovedV1>;
