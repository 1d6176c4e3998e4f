import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

const level = z.enum(['HIGH', 'MEDIUM', 'LOW']);
const priority = z.enum(['URGENT', 'HIGH', 'MEDIUM', 'LOW']);
const state = z.enum(['NEW', 'IN_PROGRESS', 'CLOSED']);

export const categoryResponse = z.strictObject({ id: z.string(), name: z.string(), description: z.string().optional() });
export const defaultPriorityResponse = z.strictObject({ urgency: level, impact: level, priority });

/** A stage as Self-Service shows it (`stage{id, name, order}`). */
export const stageResponse = z.strictObject({ id: z.string(), name: z.string(), order: z.int().min(1) });
/** A stage as the Back-Office shows it, with whether it closes the request. */
export const boStageResponse = stageResponse.extend({ is_closing: z.boolean() });

/** GET /self-service/v2/queues (the contract's `{content:[…]}`, no paging). */
export const selfServiceQueueListResponse = z.strictObject({
  content: z.array(
    z.strictObject({ id: z.string(), name: z.string(), categories: z.array(categoryResponse), default_priority: defaultPriorityResponse }),
  ),
});

/** A queue in the Back-Office: with its ordered stages. */
export const queueResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  stages: z.array(boStageResponse),
  categories: z.array(categoryResponse),
  default_priority: defaultPriorityResponse,
  created_date: epoch,
});
export const queueListResponse = z.strictObject({ content: z.array(queueResponse) });

/** A service request in a Self-Service list (the contract's item fields that we hold). */
export const selfServiceRequestResponse = z.strictObject({
  id: z.string(),
  number: z.string(),
  description: z.string(),
  is_resolved: z.boolean().optional().describe('Only once closed'),
  comments: z.string().optional().describe('The closing comment'),
  stage: stageResponse.optional(),
  address: z.strictObject({ id: z.string() }).optional(),
  created_date: epoch,
});
export const selfServiceRequestPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(selfServiceRequestResponse) });

/** A service request in the Back-Office (ours; the fields evidenced in clients plus the rest we hold). */
export const serviceRequestResponse = z.strictObject({
  id: z.string(),
  number: z.string(),
  state,
  is_resolved: z.boolean().optional(),
  closing_comment: z.string().optional(),
  description: z.string(),
  queue: z.strictObject({ id: z.string(), name: z.string().optional() }),
  stage: boStageResponse.optional(),
  urgency: level,
  impact: level,
  priority,
  categories: z.array(categoryResponse),
  contact: z.strictObject({ id: z.string() }),
  address: z.strictObject({ id: z.string() }).optional(),
  assigned_to: z.strictObject({ team: z.strictObject({ id: z.string() }).optional(), user: z.strictObject({ id: z.string() }).optional() }),
  tags: z.array(z.string()),
  created_date: epoch,
  updated_date: epoch,
  closed_date: epoch.optional(),
});
export const serviceRequestPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(serviceRequestResponse) });

/** Notes: `{id, note, pinned, created_on, created_by{id}}`. */
export const noteResponse = z.strictObject({
  id: z.string(),
  note: z.string(),
  pinned: z.boolean(),
  created_on: epoch,
  created_by: z.strictObject({ id: z.string() }).optional(),
});
export const notePageResponse = z.strictObject({ paging: pagingResponse, content: z.array(noteResponse) });

/** Attachments: a stored file (`file{id}`) or a link. */
export const attachmentResponse = z.strictObject({
  id: z.string(),
  description: z.string().optional(),
  link: z.string().optional(),
  file: z.strictObject({ id: z.string() }).optional(),
});
export const attachmentPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(attachmentResponse) });

/** The activity history (ours): one line per event of the request. */
export const historyResponse = z.strictObject({
  content: z.array(
    z.strictObject({
      event: z.string(),
      date: epoch,
      by: z.strictObject({ kind: z.string(), id: z.string().optional() }),
      state,
      stage_id: z.string(),
      comment: z.string().optional(),
    }),
  ),
});
