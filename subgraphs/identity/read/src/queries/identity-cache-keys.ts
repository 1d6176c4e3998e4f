import type { GenerationKeys } from '@crm/platform/cache';

/** Redis keys of the identity read side: `<service>:v<schema>:<tenant>:…`. */
const PREFIX = 'identity-read:v1';

/** The hot reads (the signed-in user, the tenant's roles and teams), invalidated per tenant by the projector. */
export const identityCacheKeys: GenerationKeys = {
  generation: (tenantId) => `${PREFIX}:${tenantId}:gen`,
  entry: (tenantId, generation, id) => `${PREFIX}:${tenantId}:${generation}:${id}`,
};
