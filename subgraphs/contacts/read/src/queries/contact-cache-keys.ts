import type { GenerationKeys } from '@crm/platform/cache';

/** Redis keys of the contacts read side: `<service>:v<schema>:<tenant>:<entity>:<id>`. */
const PREFIX = 'contacts-read:v1';

export const contactKey = (tenantId: string, id: string): string => `${PREFIX}:${tenantId}:contact:${id}`;
/** Bumped by the projector on every change in the tenant; list entries are keyed by it. */
export const listGenerationKey = (tenantId: string): string => `${PREFIX}:${tenantId}:list-gen`;
export const listKey = (tenantId: string, generation: number, argsHash: string): string => `${PREFIX}:${tenantId}:list:${generation}:${argsHash}`;

/** The list entries, invalidated per tenant by the projector (a generational cache). */
export const contactListKeys: GenerationKeys = { generation: listGenerationKey, entry: listKey };
/** How long a list entry lives (a newer generation makes it unreachable before that). */
export const LIST_TTL_SECONDS = 60;
