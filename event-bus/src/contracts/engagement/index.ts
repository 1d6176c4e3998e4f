import { QueueCreatedV1 } from './queue-created.v1';
import { ActivityCreatedV1 } from './activity-created.v1';
import { ActivityUpdatedV1 } from './activity-updated.v1';
import { ActivityClosedV1 } from './activity-closed.v1';
import { ServiceRequestRaisedV1 } from './service-request-raised.v1';
import { ServiceRequestAssignedV1 } from './service-request-assigned.v1';
import { ServiceRequestCategorisedV1 } from './service-request-categorised.v1';
import { ServiceRequestTaggedV1 } from './service-request-tagged.v1';
import { ServiceRequestProgressedV1 } from './service-request-progressed.v1';
import { ServiceRequestNoteAddedV1 } from './service-request-note-added.v1';
import { ServiceRequestAttachmentAddedV1 } from './service-request-attachment-added.v1';
import { ServiceRequestAttachmentRemovedV1 } from './service-request-attachment-removed.v1';
import { CommunicationRequestedV1 } from './communication-requested.v1';
import { CommunicationDeliveredV1 } from './communication-delivered.v1';
import { CommunicationAttemptFailedV1 } from './communication-attempt-failed.v1';
import { CommunicationFailedV1 } from './communication-failed.v1';
import { CommunicationRejectedV1 } from './communication-rejected.v1';
import { CommunicationMarkedV1 } from './communication-marked.v1';
import { CommunicationTemplateSetV1 } from './communication-template-set.v1';
import { ApprovalRequestCreatedV1 } from './approval-request-created.v1';
import { ApprovalRequestDecidedV1 } from './approval-request-decided.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './shapes';
export * from './queue-created.v1';
export * from './activity-created.v1';
export * from './activity-updated.v1';
export * from './activity-closed.v1';
export * from './service-request-raised.v1';
export * from './service-request-assigned.v1';
export * from './service-request-categorised.v1';
export * from './service-request-tagged.v1';
export * from './service-request-progressed.v1';
export * from './service-request-note-added.v1';
export * from './service-request-attachment-added.v1';
export * from './service-request-attachment-removed.v1';
export * from './communication-requested.v1';
export * from './communication-delivered.v1';
export * from './communication-attempt-failed.v1';
export * from './communication-failed.v1';
export * from './communication-rejected.v1';
export * from './communication-marked.v1';
export * from './communication-template-set.v1';
export * from './approval-request-created.v1';
export * from './approval-request-decided.v1';

export const QUEUE_EVENTS = [QueueCreatedV1] as const;
export const SERVICE_REQUEST_EVENTS = [
  ServiceRequestRaisedV1,
  ServiceRequestAssignedV1,
  ServiceRequestCategorisedV1,
  ServiceRequestTaggedV1,
  ServiceRequestProgressedV1,
  ServiceRequestNoteAddedV1,
  ServiceRequestAttachmentAddedV1,
  ServiceRequestAttachmentRemovedV1,
] as const;

export const ACTIVITY_EVENTS = [ActivityCreatedV1, ActivityUpdatedV1, ActivityClosedV1] as const;

export const COMMUNICATION_EVENTS = [
  CommunicationRequestedV1,
  CommunicationDeliveredV1,
  CommunicationAttemptFailedV1,
  CommunicationFailedV1,
  CommunicationRejectedV1,
  CommunicationMarkedV1,
] as const;
export const COMMUNICATION_TEMPLATE_EVENTS = [CommunicationTemplateSetV1] as const;
export const APPROVAL_REQUEST_EVENTS = [ApprovalRequestCreatedV1, ApprovalRequestDecidedV1] as const;

/** Every engagement event contract (the platform's event registry collects each registered domain's `domainEvents`). */
export const domainEvents = [
  ...QUEUE_EVENTS,
  ...SERVICE_REQUEST_EVENTS,
  ...ACTIVITY_EVENTS,
  ...COMMUNICATION_EVENTS,
  ...COMMUNICATION_TEMPLATE_EVENTS,
  ...APPROVAL_REQUEST_EVENTS,
] as const;

export type QueueEvent = EventOf<(typeof QUEUE_EVENTS)[number]>;
export type ServiceRequestEvent = EventOf<(typeof SERVICE_REQUEST_EVENTS)[number]>;
export type ActivityEvent = EventOf<(typeof ACTIVITY_EVENTS)[number]>;
export type CommunicationEvent = EventOf<(typeof COMMUNICATION_EVENTS)[number]>;
export type CommunicationTemplateEvent = EventOf<(typeof COMMUNICATION_TEMPLATE_EVENTS)[number]>;
export type ApprovalRequestEvent = EventOf<(typeof APPROVAL_REQUEST_EVENTS)[number]>;
/** Every engagement event, as the union of its contracts' envelopes. */
export type EngagementEvent =
  | QueueEvent
  | ServiceRequestEvent
  | ActivityEvent
  | CommunicationEvent
  | CommunicationTemplateEvent
  | ApprovalRequestEvent;

/** An event as a decider returns it (type and data, before the envelope), kept discriminated by type. */
export type ChangeOf<E> = E extends { type: infer T; data: infer D } ? { type: T; data: D } : never;
