import { AppError } from '@crm/platform/errors';
import type { Level } from '@crm/event-bus/contracts/engagement';
import { orderedStages, type QueueState } from './queue';
import { priorityOf } from '@crm/event-bus/contracts/engagement';
import type { ServiceRequestChange, ServiceRequestState } from './service-request';

export interface RaiseServiceRequest {
  /** The queue the request is raised in (loaded by the application; null when the tenant has none with that id). */
  queue: QueueState | null;
  /** Allocated per tenant by the application. */
  number: string;
  contactId: string;
  description: string;
  urgency: Level | null;
  impact: Level | null;
  categoryIds: string[];
  addressId: string | null;
}

export const MAX_DESCRIPTION_LENGTH = 2000;

/** Categories must be the queue's own, each once. */
export function checkCategories(queue: QueueState, categoryIds: string[]): string[] {
  const known = new Set(queue.categories.map((c) => c.id));
  for (const id of categoryIds) {
    if (!known.has(id))
      throw new AppError('VALIDATION', `categories: ${id} is not a category of the queue`, { field: 'categories', reason: 'CATEGORY_NOT_IN_QUEUE' });
  }
  return [...new Set(categoryIds)];
}

/**
 * Raises a service request (pure): state NEW at the queue's first open stage; urgency and impact
 * default to the queue's, and the priority follows from them.
 */
export function raiseServiceRequest(state: ServiceRequestState | null, cmd: RaiseServiceRequest): ServiceRequestChange[] {
  if (state) throw new AppError('CONFLICT', 'the service request exists already', { reason: 'SERVICE_REQUEST_EXISTS' });
  const queue = cmd.queue;
  if (!queue) throw new AppError('VALIDATION', 'queue_id: no such queue', { field: 'queue_id', reason: 'QUEUE_NOT_FOUND' });
  const description = cmd.description.trim();
  if (description.length === 0) throw AppError.validation('description', 'must not be empty', 'REQUIRED');
  if (description.length > MAX_DESCRIPTION_LENGTH)
    throw AppError.validation('description', `must be at most ${MAX_DESCRIPTION_LENGTH} characters`, 'TOO_LONG');
  const first = orderedStages(queue).find((s) => !s.isClosing);
  if (!first) throw new AppError('VALIDATION', 'queue_id: the queue has no open stage', { field: 'queue_id', reason: 'OPEN_STAGE_REQUIRED' });
  const urgency = cmd.urgency ?? queue.defaultUrgency;
  const impact = cmd.impact ?? queue.defaultImpact;
  return [
    {
      type: 'service_request.raised',
      data: {
        number: cmd.number,
        contactId: cmd.contactId,
        queueId: queue.id,
        stageId: first.id,
        description,
        urgency,
        impact,
        priority: priorityOf(urgency, impact),
        categoryIds: checkCategories(queue, cmd.categoryIds),
        addressId: cmd.addressId,
      },
    },
  ];
}
