import type { GenerationKeys } from '@crm/platform/cache';

/** Redis keys of the catalogue read side: `<service>:v<schema>:<tenant>:…`. */
const PREFIX = 'catalogue-read:v1';

/** Bumped by the projector on every catalogue change in the tenant; every cached read is keyed by it. */
export const catalogueGenerations: GenerationKeys = {
  generation: (tenantId) => `${PREFIX}:${tenantId}:gen`,
  entry: (tenantId, generation, argsHash) => `${PREFIX}:${tenantId}:read:${generation}:${argsHash}`,
};
/** How long a cached read lives (a newer generation makes it unreachable before that). */
export const READ_TTL_SECONDS = 300;
