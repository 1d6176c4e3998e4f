import { AppError } from '@crm/platform/errors';
import { existing, type ServiceRequestChange, type ServiceRequestState } from './service-request';

export interface TagServiceRequest {
  tags: string[];
}

export const MAX_TAGS = 50;

/** Replaces the tags of a service request (pure): trimmed, 1 to 50 characters each, duplicates dropped. */
export function tagServiceRequest(state: ServiceRequestState | null, cmd: TagServiceRequest): ServiceRequestChange[] {
  const current = existing(state);
  const tags = [...new Set(cmd.tags.map((t) => t.trim()))];
  if (tags.length > MAX_TAGS) throw AppError.validation('tags', `at most ${MAX_TAGS} tags`, 'TOO_MANY');
  for (const tag of tags) {
    if (tag.length === 0) throw AppError.validation('tags', 'a tag must not be empty', 'REQUIRED');
    if (tag.length > 50) throw AppError.validation('tags', 'a tag is at most 50 characters', 'TOO_LONG');
  }
  if (tags.length === current.tags.length && tags.every((t, i) => t === current.tags[i])) return [];
  return [{ type: 'service_request.tagged', data: { tags } }];
}
