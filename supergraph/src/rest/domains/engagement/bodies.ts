import { z } from 'zod';
import { guid } from '../../kit/body';

/** POST …/service_requests/{id}/notes (Back-Office may pin). */
export const noteBody = z.strictObject({ note: z.string().min(1).max(2000), pinned: z.boolean().optional() });
/** POST /self-service/v2/service_requests/{id}/notes: the contract's `{note}`. */
export const selfServiceNoteBody = z.strictObject({ note: z.string().min(1).max(2000) });

/**
 * POST …/service_requests/{id}/attachments: `{file_id | link, description}`. The contract lists
 * file_id and link as required but nullable: exactly one of them carries a value.
 */
export const attachmentBody = z.strictObject({
  file_id: z.string().min(1).max(128).nullable().optional(),
  link: z.string().min(1).max(2000).nullable().optional(),
  description: z.string().max(500).nullable().optional(),
});

const level = z.enum(['HIGH', 'MEDIUM', 'LOW']);

/** The raise body Self-Service and Back-Office share (`address.other` and custom fields are not held yet: 400). */
export const raiseFields = {
  description: z.string().min(1).max(2000),
  queue_id: guid,
  address: z.strictObject({ id: guid }).optional(),
  categories: z
    .array(z.strictObject({ id: guid }))
    .max(50)
    .optional(),
};
export const selfServiceRaiseBody = z.strictObject(raiseFields);
export const backOfficeRaiseBody = z.strictObject({ ...raiseFields, contact_id: guid, urgency: level.optional(), impact: level.optional() });
