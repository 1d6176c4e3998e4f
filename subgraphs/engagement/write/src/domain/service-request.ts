import { AppError } from '@crm/platform/errors';
import type { ChangeOf, Level, Priority, ServiceRequestEvent, ServiceRequestStateName } from '@crm/event-bus/contracts/engagement';

/** Write-side state of one service request. */
export interface ServiceRequestState {
  id: string;
  version: number;
  number: string;
  contactId: string;
  queueId: string;
  stageId: string;
  state: ServiceRequestStateName;
  isResolved: boolean | null;
  description: string;
  urgency: Level;
  impact: Level;
  priority: Priority;
  categoryIds: string[];
  addressId: string | null;
  teamId: string | null;
  userId: string | null;
  tags: string[];
  attachmentIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** What a decider returns: event types with their data, before the envelope is added. */
export type ServiceRequestChange = ChangeOf<ServiceRequestEvent>;

/** Applies one event to the state (pure; the read-side projection applies the same rules). */
export function evolve(state: ServiceRequestState | null, event: ServiceRequestChange, meta: { version: number; at: Date }): ServiceRequestState {
  if (event.type === 'service_request.raised') {
    const d = event.data;
    return {
      id: state?.id ?? '',
      version: meta.version,
      number: d.number,
      contactId: d.contactId,
      queueId: d.queueId,
      stageId: d.stageId,
      state: 'NEW',
      isResolved: null,
      description: d.description,
      urgency: d.urgency,
      impact: d.impact,
      priority: d.priority,
      categoryIds: d.categoryIds,
      addressId: d.addressId,
      teamId: null,
      userId: null,
      tags: [],
      attachmentIds: [],
      createdAt: meta.at,
      updatedAt: meta.at,
    };
  }
  if (!state) throw new Error(`${event.type} before service_request.raised`);
  const next = { ...state, version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'service_request.assigned':
      return { ...next, teamId: event.data.teamId, userId: event.data.userId };
    case 'service_request.categorised':
      return { ...next, categoryIds: event.data.categoryIds };
    case 'service_request.tagged':
      return { ...next, tags: event.data.tags };
    case 'service_request.progressed':
      return { ...next, state: event.data.state, stageId: event.data.stageId, isResolved: event.data.isResolved };
    case 'service_request.note_added':
      return next;
    case 'service_request.attachment_added':
      return { ...next, attachmentIds: [...state.attachmentIds, event.data.attachmentId] };
    case 'service_request.attachment_removed':
      return { ...next, attachmentIds: state.attachmentIds.filter((a) => a !== event.data.attachmentId) };
  }
}

/** Refuses to change a closed service request. */
export function assertOpen(state: ServiceRequestState): void {
  if (state.state === 'CLOSED') throw new AppError('CONFLICT', 'the service request is closed', { reason: 'SERVICE_REQUEST_CLOSED' });
}

/** The state of an existing service request, or its 404. */
export function existing(state: ServiceRequestState | null): ServiceRequestState {
  if (!state) throw new AppError('NOT_FOUND', 'the service request was not found', { reason: 'SERVICE_REQUEST_NOT_FOUND' });
  return state;
}
