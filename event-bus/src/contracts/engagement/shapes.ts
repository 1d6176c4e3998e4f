import { z } from 'zod';

/** Urgency and impact of a service request (CRM.COM `default_priority`). */
export const LEVELS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type Level = (typeof LEVELS)[number];
/** Priority, derived from urgency × impact. */
export const PRIORITIES = ['URGENT', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const SERVICE_REQUEST_STATES = ['NEW', 'IN_PROGRESS', 'CLOSED'] as const;
export type ServiceRequestStateName = (typeof SERVICE_REQUEST_STATES)[number];

export const ACTIVITY_STATES = ['PENDING', 'COMPLETED', 'CANCELLED'] as const;
export type ActivityStateName = (typeof ACTIVITY_STATES)[number];

export const uuid = z.uuid();
export const level = z.enum(LEVELS);
export const priority = z.enum(PRIORITIES);

export const queueStage = z.object({ id: uuid, name: z.string().min(1).max(100), order: z.number().int().min(1), isClosing: z.boolean() });
export type QueueStage = z.infer<typeof queueStage>;
export const queueCategory = z.object({ id: uuid, name: z.string().min(1).max(100), description: z.string().max(500).nullable() });
export type QueueCategory = z.infer<typeof queueCategory>;
export const actor = z.object({ kind: z.string(), id: z.string().nullable() });

const SCORE: Record<Level, number> = { HIGH: 3, MEDIUM: 2, LOW: 1 };

/**
 * Priority from urgency × impact (the usual ITIL matrix): both HIGH → URGENT; one HIGH and one
 * MEDIUM → HIGH; both MEDIUM, or HIGH with LOW → MEDIUM; anything lower → LOW. Shared by the
 * write side (a raised request's priority) and the read side (a queue's default priority).
 */
export function priorityOf(urgency: Level, impact: Level): Priority {
  const score = SCORE[urgency] + SCORE[impact];
  if (score >= 6) return 'URGENT';
  if (score === 5) return 'HIGH';
  if (score === 4) return 'MEDIUM';
  return 'LOW';
}

/** Channels a communication goes through (CRM.COM's, less DEVICE). */
export const COMMUNICATION_CHANNELS = ['EMAIL', 'SMS', 'INAPP'] as const;
export type CommunicationChannel = (typeof COMMUNICATION_CHANNELS)[number];
/** PENDING (to deliver), COMPLETED (delivered), REJECTED (not sent: opted out, no address), FAILED (the last attempt failed). */
export const COMMUNICATION_STATES = ['PENDING', 'COMPLETED', 'REJECTED', 'FAILED'] as const;
export type CommunicationStateName = (typeof COMMUNICATION_STATES)[number];
/** What made a communication: a back-office ad-hoc send, or an event of another domain. */
export const COMMUNICATION_TRIGGERS = ['AD_HOC', 'CONTACT_REGISTERED'] as const;
export type CommunicationTrigger = (typeof COMMUNICATION_TRIGGERS)[number];
export const REJECTION_REASONS = ['OPTED_OUT', 'NO_RECIPIENT'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
/** A language code as contacts carry it (`ENG`, `GRE`, …). */
export const languageCode = z.string().regex(/^[A-Z]{2,3}$/);

/** What an approval request is about (CRM.COM's entity types). */
export const APPROVAL_ENTITY_TYPES = ['REWARD_OFFERS', 'ORGANISATIONS', 'SERVICE_REQUESTS', 'ORDERS'] as const;
export type ApprovalEntityType = (typeof APPROVAL_ENTITY_TYPES)[number];
export const APPROVAL_STATES = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export type ApprovalStateName = (typeof APPROVAL_STATES)[number];
