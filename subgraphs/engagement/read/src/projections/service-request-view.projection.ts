import type { Level, Priority, ServiceRequestEvent, ServiceRequestStateName } from '@crm/event-bus/contracts/engagement';

export interface NoteView {
  id: string;
  note: string;
  pinned: boolean;
  byKind: string;
  byId: string | null;
  createdAt: string;
}

export interface AttachmentView {
  id: string;
  fileId: string | null;
  link: string | null;
  description: string | null;
  createdAt: string;
}

/** One line of a request's activity history: what happened, when, by whom. */
export interface HistoryEntry {
  event: string;
  at: string;
  byKind: string;
  byId: string | null;
  state: ServiceRequestStateName;
  stageId: string;
  comment: string | null;
}

/** The read model of one service request. */
export interface ServiceRequestView {
  id: string;
  version: number;
  number: string;
  contactId: string;
  queueId: string;
  stageId: string;
  state: ServiceRequestStateName;
  isResolved: boolean | null;
  closingComment: string | null;
  description: string;
  urgency: Level;
  impact: Level;
  priority: Priority;
  categoryIds: string[];
  addressId: string | null;
  teamId: string | null;
  userId: string | null;
  tags: string[];
  notes: NoteView[];
  attachments: AttachmentView[];
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

type Projected = Pick<ServiceRequestEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt' | 'actor'>;

function next(view: ServiceRequestView, event: Projected): ServiceRequestView {
  const d = event as ServiceRequestEvent;
  switch (d.type) {
    case 'service_request.raised':
      return view;
    case 'service_request.assigned':
      return { ...view, teamId: d.data.teamId, userId: d.data.userId };
    case 'service_request.categorised':
      return { ...view, categoryIds: d.data.categoryIds };
    case 'service_request.tagged':
      return { ...view, tags: d.data.tags };
    case 'service_request.progressed':
      return {
        ...view,
        state: d.data.state,
        stageId: d.data.stageId,
        isResolved: d.data.isResolved,
        closingComment: d.data.closingComment ?? view.closingComment,
        closedAt: d.data.state === 'CLOSED' ? d.occurredAt : null,
      };
    case 'service_request.note_added':
      return {
        ...view,
        notes: [
          ...view.notes,
          { id: d.data.noteId, note: d.data.note, pinned: d.data.pinned, byKind: d.data.byKind, byId: d.data.byId, createdAt: d.occurredAt },
        ],
      };
    case 'service_request.attachment_added':
      return {
        ...view,
        attachments: [
          ...view.attachments,
          { id: d.data.attachmentId, fileId: d.data.fileId, link: d.data.link, description: d.data.description, createdAt: d.occurredAt },
        ],
      };
    case 'service_request.attachment_removed':
      return { ...view, attachments: view.attachments.filter((a) => a.id !== d.data.attachmentId) };
  }
}

/**
 * Folds one event into the view (pure): the current fields, the notes and attachments, and one
 * history line per event (the request's activity history).
 */
export function projectServiceRequest(view: ServiceRequestView | null, event: Projected): ServiceRequestView {
  const at = event.occurredAt;
  let base: ServiceRequestView;
  if (event.type === 'service_request.raised') {
    const d = event.data as Extract<ServiceRequestEvent, { type: 'service_request.raised' }>['data'];
    base = {
      id: event.aggregateId,
      version: event.aggregateVersion,
      ...d,
      state: 'NEW',
      isResolved: null,
      closingComment: null,
      teamId: null,
      userId: null,
      tags: [],
      notes: [],
      attachments: [],
      history: [],
      createdAt: at,
      updatedAt: at,
      closedAt: null,
    };
  } else {
    if (!view) throw new Error(`${event.type} of service request ${event.aggregateId} before it was raised`);
    base = next(view, event);
  }
  const comment = event.type === 'service_request.progressed' ? ((event.data as { comment: string | null }).comment ?? null) : null;
  const line: HistoryEntry = {
    event: event.type,
    at,
    byKind: event.actor.kind,
    byId: event.actor.id ?? null,
    state: base.state,
    stageId: base.stageId,
    comment,
  };
  return { ...base, version: event.aggregateVersion, updatedAt: at, history: [...base.history, line] };
}
