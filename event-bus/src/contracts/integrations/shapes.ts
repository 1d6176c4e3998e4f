import { z } from 'zod';

export const MAX_URL_LENGTH = 2000;
export const MAX_EVENT_TYPES = 100;
export const MAX_DESCRIPTION_LENGTH = 500;

/** What an endpoint's events say about it: never its secrets. */
export const endpointSettings = z.object({
  url: z.string().min(1).max(MAX_URL_LENGTH),
  /** Event types delivered to it (`*` = every type it may receive). */
  events: z.array(z.string().min(1).max(200)).min(1).max(MAX_EVENT_TYPES),
  description: z.string().max(MAX_DESCRIPTION_LENGTH).nullable(),
  enabled: z.boolean(),
});
