import type { QueueState } from './queue';
import { checkCategories } from './raise-service-request';
import { assertOpen, existing, type ServiceRequestChange, type ServiceRequestState } from './service-request';

export interface CategoriseServiceRequest {
  queue: QueueState;
  categoryIds: string[];
}

/** Replaces the categories of an open service request with categories of its queue (pure). */
export function categoriseServiceRequest(state: ServiceRequestState | null, cmd: CategoriseServiceRequest): ServiceRequestChange[] {
  const current = existing(state);
  assertOpen(current);
  const categoryIds = checkCategories(cmd.queue, cmd.categoryIds);
  if (categoryIds.length === current.categoryIds.length && categoryIds.every((c, i) => c === current.categoryIds[i])) return [];
  return [{ type: 'service_request.categorised', data: { categoryIds } }];
}
