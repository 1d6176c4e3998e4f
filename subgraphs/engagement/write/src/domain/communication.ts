import { AppError } from '@crm/platform/errors';
import type {
  ChangeOf,
  CommunicationChannel,
  CommunicationEvent,
  CommunicationStateName,
  CommunicationTemplateEvent,
  CommunicationTrigger,
  RejectionReason,
} from '@crm/event-bus/contracts/engagement';

/** Write-side state of one communication: PENDING → COMPLETED | REJECTED | FAILED, and the recipient’s viewed/archived flags. */
export interface CommunicationState {
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
  /** Delivery attempts made so far. */
  attempts: number;
  /** When the next attempt is due (PENDING only). */
  nextAttemptAt: string | null;
  lastError: string | null;
  viewed: boolean;
  viewedAt: string | null;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type CommunicationChange = ChangeOf<CommunicationEvent>;

/** Applies one event to the state (pure). */
export function evolveCommunication(
  state: CommunicationState | null,
  event: CommunicationChange,
  meta: { version: number; at: Date },
): CommunicationState {
  if (event.type === 'communication.requested')
    return {
      id: state?.id ?? '',
      version: meta.version,
      ...event.data,
      state: 'PENDING',
      rejectedReason: null,
      attempts: 0,
      nextAttemptAt: meta.at.toISOString(),
      lastError: null,
      viewed: false,
      viewedAt: null,
      archived: false,
      createdAt: meta.at,
      updatedAt: meta.at,
    };
  if (!state) throw new Error(`${event.type} before communication.requested`);
  const next = { ...state, version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'communication.delivered':
      return { ...next, state: 'COMPLETED', attempts: event.data.attempt, nextAttemptAt: null, lastError: null };
    case 'communication.attempt_failed':
      return { ...next, attempts: event.data.attempt, nextAttemptAt: event.data.retryAt, lastError: event.data.error };
    case 'communication.failed':
      return { ...next, state: 'FAILED', attempts: event.data.attempt, nextAttemptAt: null, lastError: event.data.error };
    case 'communication.rejected':
      return { ...next, state: 'REJECTED', rejectedReason: event.data.reason, nextAttemptAt: null };
    case 'communication.marked':
      return {
        ...next,
        viewed: event.data.viewed,
        viewedAt: event.data.viewed ? (state.viewedAt ?? meta.at.toISOString()) : null,
        archived: event.data.archived,
      };
  }
}

/** The communication, or a 404 (also for a contact asking about another contact’s). */
export function existingCommunication(state: CommunicationState | null): CommunicationState {
  if (!state) throw new AppError('NOT_FOUND', 'the communication was not found', { reason: 'COMMUNICATION_NOT_FOUND' });
  return state;
}

/** Write-side state of one template: the subject and content of a trigger on a channel in a language. */
export interface CommunicationTemplateState {
  id: string;
  version: number;
  trigger: CommunicationTrigger;
  channel: CommunicationChannel;
  language: string;
  name: string;
  subject: string | null;
  content: string;
  createdAt: Date;
  updatedAt: Date;
}

export type CommunicationTemplateChange = ChangeOf<CommunicationTemplateEvent>;

export function evolveCommunicationTemplate(
  state: CommunicationTemplateState | null,
  event: CommunicationTemplateChange,
  meta: { version: number; at: Date },
): CommunicationTemplateState {
  return { id: state?.id ?? '', version: meta.version, ...event.data, createdAt: state?.createdAt ?? meta.at, updatedAt: meta.at };
}
