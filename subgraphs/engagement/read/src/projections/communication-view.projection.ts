import type { CommunicationEvent } from '@crm/event-bus/contracts/engagement';
import type { CommunicationChannel, CommunicationStateName, CommunicationTrigger, RejectionReason } from '@crm/event-bus/contracts/engagement';

/** The read model of one communication: what was sent to whom, its state and the recipient’s flags. */
export interface CommunicationView {
  id: string;
  version: number;
  name: string;
  trigger: CommunicationTrigger;
  channel: CommunicationChannel;
  language: string;
  contactId: string | null;
  recipient: string | null;
  sender: string | null;
  subject: string | null;
  content: string;
  state: CommunicationStateName;
  rejectedReason: RejectionReason | null;
  attempts: number;
  lastError: string | null;
  viewed: boolean;
  viewedAt: string | null;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Folds one communication event into the view (pure). */
export function projectCommunication(
  view: CommunicationView | null,
  event: Pick<CommunicationEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): CommunicationView {
  const at = event.occurredAt;
  const e = event as CommunicationEvent;
  if (e.type === 'communication.requested')
    return {
      id: e.aggregateId,
      version: e.aggregateVersion,
      ...e.data,
      state: 'PENDING',
      rejectedReason: null,
      attempts: 0,
      lastError: null,
      viewed: false,
      viewedAt: null,
      archived: false,
      createdAt: at,
      updatedAt: at,
    };
  if (!view) throw new Error(`${e.type} of communication ${e.aggregateId} before it was requested`);
  const next = { ...view, version: e.aggregateVersion, updatedAt: at };
  switch (e.type) {
    case 'communication.delivered':
      return { ...next, state: 'COMPLETED', attempts: e.data.attempt, lastError: null };
    case 'communication.attempt_failed':
      return { ...next, attempts: e.data.attempt, lastError: e.data.error };
    case 'communication.failed':
      return { ...next, state: 'FAILED', attempts: e.data.attempt, lastError: e.data.error };
    case 'communication.rejected':
      return { ...next, state: 'REJECTED', rejectedReason: e.data.reason };
    case 'communication.marked':
      return { ...next, viewed: e.data.viewed, viewedAt: e.data.viewed ? (view.viewedAt ?? at) : null, archived: e.data.archived };
  }
}
